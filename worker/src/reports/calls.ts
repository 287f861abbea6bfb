import { sql } from 'drizzle-orm';
import { REPORT_CATALOGUE, type Report } from '../../../schema/contracts';
import { userDay } from '../../../schema/rollups';
import type { ServiceContext } from '../platform/route';
import { productionCalendar, workingDaysOfMonth } from '../../../schema/domain/calendar-ru';
import { ruleOf, salaryRuleRows } from '../pay';
import { localDate } from '../platform/time';
import { addDays, callUserFilter, type ReportScope } from './scope';
import { seriesReport } from './series';
import { fill } from '../platform/i18n';
import { ru } from './translate';

export const CALL_COLUMNS = [
  { key: 'calls', titleRu: ru('reports.api.calls'), kind: 'int' as const },
  { key: 'inbound', titleRu: ru('reports.api.inbound'), kind: 'int' as const },
  { key: 'outbound', titleRu: ru('reports.api.outbound'), kind: 'int' as const },
  { key: 'missed', titleRu: ru('reports.api.missed'), kind: 'int' as const },
  { key: 'targeted', titleRu: ru('reports.api.targeted'), kind: 'int' as const },
  { key: 'untargeted', titleRu: ru('reports.api.untargeted'), kind: 'int' as const },
  { key: 'talk_sec', titleRu: ru('reports.api.talk'), kind: 'duration' as const },
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

/** Calls per manager per local day and week: in / out / missed, targeted or not, talk time; the pay rule's norm marked. */
export async function callsReport(ctx: ServiceContext, s: ReportScope): Promise<Report> {
  const withNorms = s.companyId === null;
  const [report, [rules, managers]] = await Promise.all([
    seriesReport(ctx, s, {
      report: 'calls',
      titleRu: REPORT_CATALOGUE.calls.titleRu,
      columns: CALL_COLUMNS.filter((c) => c.key !== 'untargeted'),
      derive: (r) => ({ untargeted: (r['calls'] ?? 0) - (r['targeted'] ?? 0) }),
      derivedColumns: [{ key: 'untargeted', titleRu: ru('reports.api.untargeted'), kind: 'int' }],
      rollup: { table: 'rollup_calls', where: (sc) => callUserFilter(sc, sql.raw('user_id')), manager: 'user_id' },
      raw: { from: rawCalls, day: RAW_DAY, manager: sql.raw('coalesce(e.user_id, 0)'), measures: RAW_MEASURES },
      notes: [ru('reports.api.note.calls')],
    }),
    ctx.db.batch([
      salaryRuleRows(ctx),
      ctx.db.all<{ id: number; name: string }>(
        sql`SELECT id, name FROM users WHERE role = 'manager' AND active = 1 AND ${withNorms ? callUserFilter(s, sql.raw('id')) : sql`0`} ORDER BY name`,
      ),
    ]),
  ]);
  if (!withNorms) return report;
  // A manager of the scope without a single call is the first one a head looks for: he gets a row of zeros.
  const listed = new Set(report.rows.map((r) => Number(r['userId'])));
  const zero = Object.fromEntries(CALL_COLUMNS.map((c) => [c.key, 0]));
  for (const m of managers) if (!listed.has(m.id)) report.rows.push({ manager: m.name, userId: m.id, ...zero });
  const norm = targetedNorm(rules, s.from, min(s.to, localDate(s.now, 'Europe/Moscow')));
  if (norm === null) return report;
  const at = report.tableColumns.findIndex((c) => c.key === 'targeted');
  report.tableColumns.splice(at + 1, 0, { key: 'targeted_norm', titleRu: ru('reports.api.norm'), kind: 'int' });
  let normTotal = 0;
  for (const row of report.rows) {
    if (!Number(row['userId'])) continue;
    row['targeted_norm'] = norm.calls;
    normTotal += norm.calls;
    if (Number(row['targeted']) < norm.calls) row['below_norm'] = 'targeted';
  }
  report.totals['targeted_norm'] = normTotal;
  report.notes.push(fill(ru('reports.api.note.norm'), { perDay: norm.perDay, days: norm.days }));
  return report;
}

const min = (a: string, b: string) => (a < b ? a : b);

/**
 * The pay rule's norm of targeted calls over the working days of `from`…`to` (each month by the rule
 * version in force then, docs/pay.md): null when no version has the KPI. Days after `to` do not count.
 */
export function targetedNorm(
  rules: readonly { rule: string }[],
  from: string,
  to: string,
): { calls: number; days: number; perDay: string } | null {
  let calls = 0;
  let days = 0;
  const targets = new Set<number>();
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addDays(`${month}-28`, 4).slice(0, 7)) {
    const kpi = ruleOf(rules, month)?.kpis.find((k) => k.kind === 'targeted_calls_per_working_day');
    if (!kpi) continue;
    const working = workingDaysOfMonth(month, productionCalendar(Number(month.slice(0, 4)))).filter((d) => d >= from && d <= to).length;
    targets.add(kpi.target);
    calls += kpi.target * working;
    days += working;
  }
  return targets.size ? { calls, days, perDay: [...targets].join('/') } : null;
}
