import { sql } from 'drizzle-orm';
import { REPORT_CATALOGUE, type Report } from '../../../schema/contracts';
import { userDay } from '../../../schema/rollups';
import type { ServiceContext } from '../platform/route';
import { callUserFilter, type ReportScope } from './scope';
import { seriesReport } from './series';

export const CALL_COLUMNS = [
  { key: 'calls', titleRu: 'Звонки', kind: 'int' as const },
  { key: 'inbound', titleRu: 'Входящие', kind: 'int' as const },
  { key: 'outbound', titleRu: 'Исходящие', kind: 'int' as const },
  { key: 'missed', titleRu: 'Пропущенные', kind: 'int' as const },
  { key: 'targeted', titleRu: 'Целевые', kind: 'int' as const },
  { key: 'untargeted', titleRu: 'Нецелевые', kind: 'int' as const },
  { key: 'talk_sec', titleRu: 'Время разговоров', kind: 'duration' as const },
];

/** Raw: each call's measures, by the manager's own local day — what the rollup's triggers compute. */
const RAW_MEASURES = sql.raw(`count(*) AS calls, sum(e.direction = 'in') AS inbound, sum(e.direction = 'out') AS outbound,
  sum(e.direction = 'in' AND coalesce(e.call_result, 'missed') != 'answered') AS missed, sum(coalesce(e.targeted, 0) = 1) AS targeted,
  sum(coalesce(e.duration_sec, 0)) AS talk_sec`);
export const RAW_DAY = sql.raw(userDay('e.occurred_at', 'e.user_id'));

/**
 * Calls on the manager's local days `from`…`to` within the scope, as a WHERE condition over
 * `events e`: the naive report, the per-client view and the drill-down all read them so.
 */
export function callsOfDays(s: ReportScope, from: string, to: string) {
  // A local day is at most 14 h away from UTC: the instant range covers every zone, the day test narrows it.
  const fromMs = Date.parse(`${from}T00:00:00Z`) - 14 * 3_600_000;
  const toMs = Date.parse(`${to}T00:00:00Z`) + 38 * 3_600_000;
  return sql`e.kind = 'call' AND e.occurred_at >= ${fromMs} AND e.occurred_at < ${toMs}
    AND ${callUserFilter(s, sql`coalesce(e.user_id, 0)`)} ${s.companyId !== null ? sql`AND e.company_id = ${s.companyId}` : sql``}
    AND ${RAW_DAY} BETWEEN ${from} AND ${to}`;
}

/** The calls one figure of the report counts (the drill-down of that column). */
export const CALL_MEASURE_FILTERS: Record<string, ReturnType<typeof sql>> = {
  inbound: sql`e.direction = 'in'`,
  outbound: sql`e.direction = 'out'`,
  missed: sql`e.direction = 'in' AND coalesce(e.call_result, 'missed') != 'answered'`,
  targeted: sql`e.targeted = 1`,
  untargeted: sql`coalesce(e.targeted, 0) = 0`,
};

const rawCalls = (s: ReportScope) => sql`FROM events e WHERE ${callsOfDays(s, s.from, s.to)}`;

/** Calls per manager per local day and week: in / out / missed, targeted or not, talk time. */
export function callsReport(ctx: ServiceContext, s: ReportScope): Promise<Report> {
  return seriesReport(ctx, s, {
    report: 'calls',
    titleRu: REPORT_CATALOGUE.calls.titleRu,
    columns: CALL_COLUMNS.filter((c) => c.key !== 'untargeted'),
    derive: (r) => ({ untargeted: (r['calls'] ?? 0) - (r['targeted'] ?? 0) }),
    derivedColumns: [{ key: 'untargeted', titleRu: 'Нецелевые', kind: 'int' }],
    rollup: { table: 'rollup_calls', where: (sc) => callUserFilter(sc, sql.raw('user_id')), manager: 'user_id' },
    raw: { from: rawCalls, day: RAW_DAY, manager: sql.raw('coalesce(e.user_id, 0)'), measures: RAW_MEASURES },
    notes: ['Дни — по часовому поясу каждого менеджера; целевой звонок — от 30 секунд разговора с известным клиентом.'],
  });
}
