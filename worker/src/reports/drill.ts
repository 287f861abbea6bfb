import { sql, type SQL } from 'drizzle-orm';
import type { DrillDown, DrillQuery, ReportId } from '../../../schema/contracts';
import type { ServiceContext } from '../platform/route';
import { CALL_MEASURE_FILTERS, RAW_DAY, callsOfDays } from './calls';
import { DORMANT_DAYS } from './dormant';
import { LEAD_CHANNEL_TITLES_RU } from '../../../schema/domain/lead-channels';
import { AppError } from '../platform/errors';
import { fill, type Lang } from '../platform/i18n';
import {
  MSK_DAY,
  addDays,
  companyVisible,
  isCalendarDay,
  mondayOf,
  regionOwnerFilter,
  reportScope,
  type Granularity,
  type ReportScope,
} from './scope';
import { ru } from './translate';

const LIMIT = 500;
const DAY = 86_400_000;

const BAD_BUCKET = {
  ru: 'Период на графике — день ГГГГ-ММ-ДД, понедельник недели ГГГГ-ММ-ДД или месяц ГГГГ-ММ',
  en: 'A chart bucket is a day YYYY-MM-DD, the Monday of a week YYYY-MM-DD or a month YYYY-MM',
};

/**
 * The days a clicked bucket covers, within the report's period: a month (YYYY-MM) at any granularity;
 * a day (YYYY-MM-DD) — by week the Monday the chart names the week by, by month any day of the month.
 * Anything else is a 400 naming `query.bucket` (it used to reach date arithmetic and fail there).
 */
function bucketRange(s: ReportScope, bucket: string | undefined, by: Granularity, lang: Lang): [string, string] {
  if (!bucket) return [s.from, s.to];
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(bucket);
  const day = !month && isCalendarDay(bucket);
  if ((!month && !day) || (day && by === 'week' && mondayOf(bucket) !== bucket))
    throw new AppError('validation_failed', undefined, [{ field: 'query.bucket', message: `${BAD_BUCKET[lang]}: «${bucket}»` }]);
  let [from, to] = [bucket, bucket];
  if (by === 'week') to = addDays(bucket, 6);
  if (by === 'month' || month) {
    from = `${bucket.slice(0, 7)}-01`;
    to = addDays(`${addDays(from, 31).slice(0, 7)}-01`, -1);
  }
  return [from > s.from ? from : s.from, to < s.to ? to : s.to];
}

type Col = DrillDown['columns'][number];
const col = (key: string, titleRu: string, kind: Col['kind'] = 'text'): Col => ({ key, titleRu, kind });

/**
 * The clients, leads, calls or documents behind a figure: the same scope and filters as the report,
 * narrowed to the clicked bucket (and measure), read from the raw rows, at most 500 of them.
 */
export async function drillDown({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { report: ReportId; query: DrillQuery };
}): Promise<DrillDown> {
  const s = await reportScope(ctx, input.query);
  const [from, to] = bucketRange(s, input.query.bucket, s.by, ctx.lang);
  const m = input.query.measure ?? '';
  const company = s.companyId !== null ? sql`AND c.id = ${s.companyId}` : sql``;
  const visible = companyVisible(s.caller);
  let title = '';
  let columns: Col[] = [];
  let query: SQL;
  switch (input.report) {
    case 'calls': {
      const measure = CALL_MEASURE_FILTERS[m];
      title = ru('reports.api.calls');
      columns = [
        col('at', ru('reports.api.col.when'), 'date'),
        col('manager', ru('reports.api.manager')),
        col('company', ru('reports.api.client')),
        col('counterpart', ru('reports.api.col.number')),
        col('direction', ru('reports.api.col.direction')),
        col('result', ru('reports.api.col.result')),
        col('talk_sec', ru('reports.api.col.talk'), 'duration'),
      ];
      // A number a manager dialled may belong to a client he does not see: then neither its name, id nor number is shown.
      query = sql`SELECT ${RAW_DAY} AS at, u.name AS manager, CASE WHEN ${visible} THEN c.name END AS company, CASE WHEN ${visible} THEN c.id END AS companyId,
          CASE WHEN c.id IS NULL OR ${visible} THEN e.counterpart ELSE 'скрыт' END AS counterpart,
          CASE e.direction WHEN 'in' THEN 'входящий' WHEN 'out' THEN 'исходящий' WHEN 'internal' THEN 'внутренний' ELSE '—' END AS direction,
          CASE e.call_result WHEN 'answered' THEN 'состоялся' WHEN 'missed' THEN 'пропущен' WHEN 'busy' THEN 'занято' WHEN 'failed' THEN 'не соединился' ELSE '—' END AS result,
          e.duration_sec AS talk_sec
        FROM events e LEFT JOIN users u ON u.id = e.user_id LEFT JOIN companies c ON c.id = e.company_id
        WHERE ${callsOfDays(s, from, to)} ${measure ? sql`AND ${measure}` : sql``}
        ORDER BY e.occurred_at DESC LIMIT ${LIMIT + 1}`;
      break;
    }
    case 'leads': {
      const channel = m.startsWith('ch_') && m.slice(3) in LEAD_CHANNEL_TITLES_RU ? sql`AND l.channel = ${m.slice(3)}` : sql``;
      title = ru('reports.api.drill.leads');
      columns = [
        col('created', ru('reports.api.col.created'), 'date'),
        col('company', ru('reports.api.client')),
        col('subject', ru('reports.api.col.subject')),
        col('channel', ru('reports.api.col.channel')),
        col('stage', ru('reports.api.stage')),
        col('owner', ru('reports.api.owner')),
      ];
      query = sql`SELECT ${MSK_DAY(sql.raw('l.created_at'))} AS created, c.name AS company, c.id AS companyId, l.id AS leadId, l.subject, ${sql.raw(
        `CASE l.channel ${Object.entries(LEAD_CHANNEL_TITLES_RU)
          .map(([k, t]) => `WHEN '${k}' THEN '${t}'`)
          .join(' ')} ELSE l.channel END`,
      )} AS channel, st.name_ru AS stage, u.name AS owner
        FROM leads l JOIN companies c ON c.id = l.company_id JOIN stages st ON st.id = l.stage_id LEFT JOIN users u ON u.id = l.owner_id
        WHERE l.created_at >= ${Date.parse(`${from}T00:00:00Z`) - 3 * 3_600_000} AND l.created_at < ${Date.parse(`${to}T00:00:00Z`) + 21 * 3_600_000}
          AND ${regionOwnerFilter(s, sql.raw('l.region_id'), sql.raw('coalesce(l.owner_id, 0)'))} ${channel} ${company}
        ORDER BY l.created_at DESC LIMIT ${LIMIT + 1}`;
      break;
    }
    case 'stages': {
      // Stuck leads: open and past their stage's deadline (sla_hours), oldest first, with amount and days in stage.
      title = ru('reports.api.drill.stuck');
      columns = [
        col('company', ru('reports.api.client')),
        col('subject', ru('reports.api.col.subject')),
        col('stage', ru('reports.api.stage')),
        col('amount_kopecks', ru('reports.api.col.amount'), 'money'),
        col('days_in_stage', ru('reports.api.col.daysInStage'), 'int'),
        col('since', ru('reports.api.col.since'), 'date'),
        col('owner', ru('reports.api.owner')),
      ];
      query = sql`SELECT c.name AS company, c.id AS companyId, l.id AS leadId, l.subject, st.name_ru AS stage, l.amount_kopecks,
          CAST((${s.now} - l.stage_entered_at) / ${DAY} AS INTEGER) AS days_in_stage, ${MSK_DAY(sql.raw('l.stage_entered_at'))} AS since, u.name AS owner
        FROM leads l JOIN companies c ON c.id = l.company_id JOIN stages st ON st.id = l.stage_id LEFT JOIN users u ON u.id = l.owner_id
        WHERE l.closed_at IS NULL ${m ? sql`AND l.stage_id = ${m}` : sql``} AND st.sla_hours IS NOT NULL
          AND l.stage_entered_at < ${s.now} - st.sla_hours * 3600000
          AND ${regionOwnerFilter(s, sql.raw('l.region_id'), sql.raw('coalesce(l.owner_id, 0)'))} ${company}
        ORDER BY l.stage_entered_at LIMIT ${LIMIT + 1}`;
      break;
    }
    case 'clients': {
      const column = m === 'converted' ? 'converted_at' : 'created_at';
      title = ru(m === 'converted' ? 'reports.api.drill.converted' : 'reports.api.created');
      columns = [
        col('day', ru(m === 'converted' ? 'reports.api.converted' : 'reports.api.col.created'), 'date'),
        col('company', ru('reports.api.client')),
        col('status', ru('reports.api.col.status')),
        col('owner', ru('reports.api.owner')),
      ];
      query = sql`SELECT ${MSK_DAY(sql.raw(`c.${column}`))} AS day, c.name AS company, c.id AS companyId, CASE c.status WHEN 'client' THEN 'клиент' ELSE 'потенциальный' END AS status, u.name AS owner
        FROM companies c LEFT JOIN users u ON u.id = c.owner_id
        WHERE c.merged_into_id IS NULL AND ${MSK_DAY(sql.raw(`c.${column}`))} BETWEEN ${from} AND ${to}
          AND ${regionOwnerFilter(s, sql.raw('c.region_id'), sql.raw('coalesce(c.owner_id, 0)'))} ${company}
        ORDER BY c.${sql.raw(column)} DESC LIMIT ${LIMIT + 1}`;
      break;
    }
    case 'dormant': {
      const days = input.query.days ?? DORMANT_DAYS;
      title = fill(ru('reports.api.drill.dormant'), { days });
      columns = [
        col('company', ru('reports.api.client')),
        col('last_touch', ru('reports.api.lastTouch'), 'date'),
        col('revenue_24m', ru('reports.api.revenue24'), 'money'),
        col('owner', ru('reports.api.owner')),
      ];
      query = sql`SELECT c.name AS company, c.id AS companyId, CASE WHEN c.last_touch_at IS NULL THEN NULL ELSE ${MSK_DAY(sql.raw('c.last_touch_at'))} END AS last_touch,
          c.revenue_24m, u.name AS owner
        FROM companies c LEFT JOIN users u ON u.id = c.owner_id
        WHERE c.merged_into_id IS NULL AND coalesce(c.last_touch_at, 0) < ${s.now - days * DAY} ${m === 'dormant' ? sql`AND c.revenue_24m > 0` : sql``}
          AND ${regionOwnerFilter(s, sql.raw('c.region_id'), sql.raw('coalesce(c.owner_id, 0)'))} ${company}
        ORDER BY c.revenue_24m DESC LIMIT ${LIMIT + 1}`;
      break;
    }
    case 'invoices': {
      const kinds = m.startsWith('invoice')
        ? sql`('invoice')`
        : m.startsWith('pa')
          ? sql`('payment_bank', 'payment_cash')`
          : m.startsWith('ship')
            ? sql`('shipment')`
            : sql`('invoice', 'payment_bank', 'payment_cash', 'shipment')`;
      title = ru('reports.api.drill.documents');
      columns = [
        col('day', ru('reports.api.col.day'), 'date'),
        col('kind', ru('reports.api.col.document')),
        col('number', ru('reports.api.col.number')),
        col('company', ru('reports.api.client')),
        col('amount_kopecks', ru('reports.api.col.amount'), 'money'),
        col('manager', ru('reports.api.manager')),
      ];
      query = sql`SELECT substr(d.date_local, 1, 10) AS day, CASE d.kind WHEN 'invoice' THEN 'счёт' WHEN 'shipment' THEN 'отгрузка' ELSE 'оплата' END AS kind, d.number,
          CASE WHEN ${visible} THEN c.name END AS company, CASE WHEN ${visible} THEN c.id END AS companyId, d.amount_kopecks, u.name AS manager
        FROM onec_documents d LEFT JOIN companies c ON c.id = d.company_id LEFT JOIN users u ON u.id = d.user_id
        WHERE d.posted = 1 AND d.deletion_mark = 0 AND d.kind IN ${kinds} AND substr(d.date_local, 1, 10) BETWEEN ${from} AND ${to}
          AND ${regionOwnerFilter(s, sql.raw('coalesce(c.region_id, 0)'), sql.raw('coalesce(d.user_id, 0)'))} ${company}
        ORDER BY d.date_local DESC LIMIT ${LIMIT + 1}`;
      break;
    }
  }
  const rows = await ctx.db.all<Record<string, string | number | null>>(query);
  return {
    report: input.report,
    titleRu: `${title}: ${from} — ${to}`,
    columns,
    rows: rows.slice(0, LIMIT),
    truncated: rows.length > LIMIT,
  };
}
