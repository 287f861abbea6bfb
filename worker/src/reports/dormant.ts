import { sql } from 'drizzle-orm';
import { REPORT_CATALOGUE, type Report } from '../../../schema/contracts';
import { revenueWindowFrom } from '../../../schema/rollups';
import type { ServiceContext } from '../platform/route';
import { localDate } from '../platform/time';
import { regionOwnerFilter, type ReportScope } from './scope';
import { fill } from '../platform/i18n';
import { ru } from './translate';

export const DORMANT_DAYS = 60;
const TOP = 200;

const COLUMNS: Report['tableColumns'] = [
  { key: 'company', titleRu: ru('reports.api.client'), kind: 'text' },
  { key: 'owner', titleRu: ru('reports.api.owner'), kind: 'text' },
  { key: 'last_touch', titleRu: ru('reports.api.lastTouch'), kind: 'date' },
  { key: 'days_silent', titleRu: ru('reports.api.daysSilent'), kind: 'int' },
  { key: 'revenue_24m', titleRu: ru('reports.api.revenueAtRisk'), kind: 'money' },
];

/**
 * Clients without a call, mail, note or done task for N days, ranked by the revenue at risk — what
 * they paid over the previous 24 months. Dormant: silent and had paid. Reads the per-client figures
 * the triggers keep (`last_touch_at`, `revenue_24m`); the raw way recomputes both from the timeline.
 */
export async function dormantReport(ctx: ServiceContext, s: ReportScope, days = DORMANT_DAYS): Promise<Report> {
  const raw = s.raw || s.companyId !== null;
  const cutoff = s.now - days * 86_400_000;
  const where = sql`c.merged_into_id IS NULL AND ${regionOwnerFilter(s, sql.raw('c.region_id'), sql.raw('coalesce(c.owner_id, 0)'))} ${s.companyId !== null ? sql`AND c.id = ${s.companyId}` : sql``}`;
  const windowFrom = revenueWindowFrom(localDate(s.now, 'Europe/Moscow').slice(0, 7));
  const figures = raw
    ? sql`(SELECT c.id, c.name, c.owner_id, (SELECT max(e.occurred_at) FROM events e WHERE e.company_id = c.id AND +e.kind IN ('call', 'mail', 'note', 'task_done')) AS touch,
          coalesce((SELECT sum(d.amount_kopecks) FROM onec_documents d WHERE d.company_id = c.id AND d.kind IN ('payment_bank', 'payment_cash')
            AND d.posted = 1 AND d.deletion_mark = 0 AND substr(d.date_local, 1, 7) >= ${windowFrom}), 0) AS revenue
        FROM companies c WHERE ${where})`
    : // The silence condition sits on the indexed expression (companies_*silent_idx), not on the alias.
      sql`(SELECT c.id, c.name, c.owner_id, c.last_touch_at AS touch, c.revenue_24m AS revenue FROM companies c WHERE ${where} AND coalesce(c.last_touch_at, 0) < ${cutoff})`;
  const [top, totals] = await ctx.db.batch([
    ctx.db.all<{
      id: number;
      name: string;
      owner: string | null;
      touch: number | null;
      revenue: number;
    }>(sql`SELECT f.id, f.name, u.name AS owner, f.touch, f.revenue
      FROM ${figures} f LEFT JOIN users u ON u.id = f.owner_id WHERE coalesce(f.touch, 0) < ${cutoff}
      ORDER BY f.revenue DESC, f.touch, f.id LIMIT ${TOP}`),
    ctx.db.all<{
      silent: number;
      dormant: number;
      at_risk: number;
    }>(sql`SELECT count(*) AS silent, coalesce(sum(f.revenue > 0), 0) AS dormant, coalesce(sum(f.revenue), 0) AS at_risk
      FROM ${figures} f WHERE coalesce(f.touch, 0) < ${cutoff}`),
  ]);
  const rows = top.map((r) => ({
    companyId: r.id,
    company: r.name,
    owner: r.owner ?? ru('reports.api.pool'),
    last_touch: r.touch === null ? null : localDate(r.touch, 'Europe/Moscow'),
    days_silent: r.touch === null ? null : Math.floor((s.now - r.touch) / 86_400_000),
    revenue_24m: Number(r.revenue),
  }));
  return {
    report: 'dormant',
    titleRu: REPORT_CATALOGUE.dormant.titleRu,
    from: s.from,
    to: s.to,
    by: s.by,
    source: raw ? 'raw' : 'rollup',
    seriesColumns: [
      { key: 'company', titleRu: ru('reports.api.client'), kind: 'text' },
      { key: 'revenue_24m', titleRu: ru('reports.api.atRisk'), kind: 'money' },
    ],
    series: rows.slice(0, 15).map((r) => ({ company: r.company, revenue_24m: r.revenue_24m })),
    totals: {
      days,
      silent: Number(totals[0]?.silent ?? 0),
      dormant: Number(totals[0]?.dormant ?? 0),
      at_risk_kopecks: Number(totals[0]?.at_risk ?? 0),
    },
    tableColumns: COLUMNS,
    rows,
    notes: [fill(ru('reports.api.note.dormant'), { days, since: windowFrom, top: TOP })],
  };
}
