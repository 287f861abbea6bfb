import { sql } from 'drizzle-orm';
import { REPORT_CATALOGUE, type Report } from '../../../schema/contracts';
import { STAY_BUCKETS, bucketOf, percentileMinutes } from '../../../schema/rollups/buckets';
import type { ServiceContext } from '../platform/route';
import { regionOwnerFilter, type ReportScope } from './scope';
import { fill } from '../platform/i18n';
import { ru } from './translate';

const COLUMNS: Report['tableColumns'] = [
  { key: 'stage', titleRu: ru('reports.api.stage'), kind: 'text' },
  { key: 'stays', titleRu: ru('reports.api.stays'), kind: 'int' },
  { key: 'median_min', titleRu: ru('reports.api.median'), kind: 'duration' },
  { key: 'p90_min', titleRu: ru('reports.api.p90'), kind: 'duration' },
  { key: 'sla_hours', titleRu: ru('reports.api.sla'), kind: 'int' },
  { key: 'open_now', titleRu: ru('reports.api.openNow'), kind: 'int' },
  { key: 'stuck', titleRu: ru('reports.api.stuck'), kind: 'int' },
  { key: 'stuck_kopecks', titleRu: ru('reports.api.stuckSum'), kind: 'money' },
  { key: 'open_max_age_min', titleRu: ru('reports.api.oldest'), kind: 'duration' },
];

const median = (sorted: number[]) => (sorted.length ? sorted[Math.ceil(sorted.length / 2) - 1]! : null);

/**
 * Time in each funnel stage: median and p90 of the stays completed in the period's months (from the
 * histogram rollup; the raw way from every stay), and the age of the leads sitting there now.
 */
export async function stagesReport(ctx: ServiceContext, s: ReportScope): Promise<Report> {
  const raw = s.raw || s.companyId !== null;
  const fromMonth = s.from.slice(0, 7);
  const toMonth = s.to.slice(0, 7);
  const leadFilter = sql`${regionOwnerFilter(s, sql.raw('l.region_id'), sql.raw('coalesce(l.owner_id, 0)'))} ${s.companyId !== null ? sql`AND l.company_id = ${s.companyId}` : sql``}`;
  const buckets = sql.raw(STAY_BUCKETS.map((_, i) => `sum(b${i}) AS b${i}`).join(', '));
  const [stages, stays, open] = await ctx.db.batch([
    ctx.db.all<{ id: string; name_ru: string; sla_hours: number | null }>(
      sql`SELECT id, name_ru, sla_hours FROM stages WHERE outcome = 'open' ORDER BY position`,
    ),
    raw
      ? ctx.db.all<{ stage_id: string; minutes: number }>(sql`SELECT x.stage_id, x.minutes FROM (
          SELECT sc.from_stage_id AS stage_id, sc.lead_id, sc.at,
            max(0, (sc.at - coalesce(lag(sc.at) OVER (PARTITION BY sc.lead_id ORDER BY sc.id), l.created_at)) / 60000) AS minutes
          FROM stage_changes sc JOIN leads l ON l.id = sc.lead_id WHERE ${leadFilter}) x
        WHERE x.stage_id IS NOT NULL AND strftime('%Y-%m', x.at / 1000 + 10800, 'unixepoch') BETWEEN ${fromMonth} AND ${toMonth}`)
      : s.regionIds === null && s.userId === null
        ? // The whole company reads its own rollup: a row per stage and month.
          ctx.db.all<
            Record<string, number> & { stage_id: string }
          >(sql`SELECT stage_id, sum(stays) AS stays, ${buckets} FROM rollup_stays_all
            WHERE month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY stage_id`)
        : ctx.db.all<Record<string, number> & { stage_id: string }>(sql`SELECT stage_id, sum(stays) AS stays, ${buckets} FROM rollup_stays
            WHERE month BETWEEN ${fromMonth} AND ${toMonth} AND ${regionOwnerFilter(s, sql.raw('region_id'), sql.raw('owner_id'))} GROUP BY stage_id`),
    ctx.db.all<{
      stage_id: string;
      entered: number;
      amount: number;
    }>(sql`SELECT l.stage_id, l.stage_entered_at AS entered, l.amount_kopecks AS amount FROM leads l
      WHERE l.closed_at IS NULL AND ${leadFilter} ORDER BY l.stage_id, l.stage_entered_at DESC`),
  ]);
  const histograms = new Map<string, number[]>();
  if (raw) {
    // The naive way keeps every stay; the figures are read from the same buckets so both agree.
    for (const row of stays as { stage_id: string; minutes: number }[]) {
      const h = histograms.get(row.stage_id) ?? new Array(STAY_BUCKETS.length).fill(0);
      h[bucketOf(row.minutes)]++;
      histograms.set(row.stage_id, h);
    }
  } else {
    for (const row of stays as (Record<string, number> & { stage_id: string })[])
      histograms.set(
        row.stage_id,
        STAY_BUCKETS.map((_, i) => Number(row[`b${i}`] ?? 0)),
      );
  }
  const ages = new Map<string, number[]>();
  const slaOf = new Map(stages.map((st) => [st.id, st.sla_hours]));
  const stuck = new Map<string, { count: number; kopecks: number }>();
  for (const o of open) {
    const list = ages.get(o.stage_id) ?? [];
    list.push(Math.max(0, Math.floor((s.now - o.entered) / 60_000)));
    ages.set(o.stage_id, list);
    // Stuck: past the stage's deadline (its SLA hours); a stage without a deadline has none stuck.
    const sla = slaOf.get(o.stage_id);
    if (sla !== null && sla !== undefined && o.entered < s.now - sla * 3_600_000) {
      const sum = stuck.get(o.stage_id) ?? { count: 0, kopecks: 0 };
      sum.count++;
      sum.kopecks += Number(o.amount ?? 0);
      stuck.set(o.stage_id, sum);
    }
  }
  const rows = stages.map((st) => {
    const h = histograms.get(st.id) ?? [];
    const a = ages.get(st.id) ?? [];
    return {
      stageId: st.id,
      stage: st.name_ru,
      stays: h.reduce((sum, c) => sum + c, 0),
      median_min: percentileMinutes(h, 50),
      p90_min: percentileMinutes(h, 90),
      sla_hours: st.sla_hours,
      open_now: a.length,
      stuck: stuck.get(st.id)?.count ?? 0,
      stuck_kopecks: stuck.get(st.id)?.kopecks ?? 0,
      open_median_age_min: median(a),
      open_max_age_min: a.length ? a[a.length - 1]! : null,
    };
  });
  return {
    report: 'stages',
    titleRu: REPORT_CATALOGUE.stages.titleRu,
    from: s.from,
    to: s.to,
    by: 'month',
    source: raw ? 'raw' : 'rollup',
    seriesColumns: COLUMNS,
    series: rows,
    totals: {
      stays: rows.reduce((sum, r) => sum + r.stays, 0),
      open_now: rows.reduce((sum, r) => sum + r.open_now, 0),
      stuck: rows.reduce((sum, r) => sum + r.stuck, 0),
      stuck_kopecks: rows.reduce((sum, r) => sum + r.stuck_kopecks, 0),
    },
    tableColumns: COLUMNS,
    rows,
    notes: [fill(ru('reports.api.note.stages'), { from: fromMonth, to: toMonth }), ru('reports.api.note.stuck')],
  };
}
