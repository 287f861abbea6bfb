import { sql } from 'drizzle-orm';
import { productionCalendar, workingDaysOfMonth } from '../../../schema/domain/calendar-ru';
import { fill, msg } from '../platform/i18n';
import type { ServiceContext } from '../platform/route';
import { ruleOf, salaryRuleRows } from './rules';
import { zoneOffsetMs } from '../platform/time';
import { computeSalaryStatement, type SalaryDocument, type SalaryStatement, type SalaryStatementState } from './calculator';

export interface PayPerson {
  id: number;
  name: string;
  timeZone: string;
}

export interface StatementRow {
  user_id: number;
  state: SalaryStatementState;
  snapshot: string | null;
  dispute_comment: string | null;
  resolution_comment: string | null;
  approved_at: number | null;
  approved_by_name: string | null;
  exported_at: number | null;
}

/** A manager's month: the statement (frozen or live), its row, and why there is none. */
export interface MonthFigures {
  person: PayPerson;
  month: string;
  state: SalaryStatementState;
  row: StatementRow | undefined;
  frozen: boolean;
  statement: SalaryStatement | null;
  problem: string | null;
}

/** "YYYY-MM" → [its first day, the next month's first day], as 1C's local date strings compare. */
export function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

/** [start, end) in UTC ms of a calendar month in a zone. */
export function monthBoundsUtc(month: string, timeZone: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1);
  const end = Date.UTC(y, m, 1);
  return [start - zoneOffsetMs(start, timeZone), end - zoneOffsetMs(end, timeZone)];
}

const ids = (people: readonly PayPerson[]) => JSON.stringify(people.map((p) => p.id));

/**
 * Targeted calls per manager per *his* local day within his own [start, end) — the statement's KPI
 * and the widgets' "today" — as one read over the (user, kind, time) index.
 */
export function targetedCallsByDay(ctx: ServiceContext, windows: readonly { person: PayPerson; bounds: [number, number] }[]) {
  const json = JSON.stringify(
    windows.map(({ person, bounds: [start, end] }) => [person.id, zoneOffsetMs(start, person.timeZone), start, end]),
  );
  return ctx.db.all<{ user_id: number; day: string; n: number }>(sql`
    SELECT e.user_id, date((e.occurred_at + json_extract(j.value, '$[1]')) / 1000, 'unixepoch') AS day, count(*) AS n
    FROM json_each(${json}) j JOIN events e ON e.user_id = json_extract(j.value, '$[0]') AND e.kind = 'call'
      AND e.occurred_at >= json_extract(j.value, '$[2]') AND e.occurred_at < json_extract(j.value, '$[3]')
    WHERE e.targeted = 1 GROUP BY 1, 2`);
}

/**
 * The month of several managers from one D1 round trip: rule versions, plans, their 1C documents
 * (by the manager responsible when 1C sent them), targeted calls by each one's local day, and the
 * statement rows. Approved and exported statements answer their frozen snapshot; the others are
 * computed now, so a draft always shows the data as it is.
 */
export async function monthFigures(ctx: ServiceContext, people: readonly PayPerson[], month: string): Promise<MonthFigures[]> {
  if (!people.length) return [];
  const [from, to] = monthRange(month);
  const windows = people.map((p) => ({ person: p, bounds: monthBoundsUtc(month, p.timeZone) }));
  const [ruleRows, planRows, docRows, callRows, statementRows] = await ctx.db.batch([
    salaryRuleRows(ctx),
    ctx.db.all<{
      user_id: number;
      metric: 'shipments' | 'payments';
      amount_kopecks: number;
    }>(sql`SELECT user_id, metric, amount_kopecks FROM plans
      WHERE month = ${month} AND user_id IN (SELECT value FROM json_each(${ids(people)}))`),
    ctx.db.all<{
      id: number;
      kind: SalaryDocument['kind'];
      number: string;
      date_local: string;
      amount_kopecks: number;
      user_id: number;
      client_name: string | null;
    }>(sql`
      SELECT d.id, d.kind, d.number, d.date_local, d.amount_kopecks, d.user_id, c.name AS client_name
      FROM onec_documents d LEFT JOIN companies c ON c.id = d.company_id
      WHERE d.user_id IN (SELECT value FROM json_each(${ids(people)})) AND d.kind IN ('shipment', 'payment_bank', 'payment_cash')
        AND d.date_local >= ${from} AND d.date_local < ${to} AND d.posted = 1 AND d.deletion_mark = 0
      ORDER BY d.date_local, d.id`),
    targetedCallsByDay(ctx, windows),
    ctx.db.all<StatementRow>(sql`SELECT s.user_id, s.state, s.snapshot, s.dispute_comment, s.resolution_comment, s.approved_at,
        (SELECT name FROM users WHERE id = s.approved_by) AS approved_by_name, s.exported_at
      FROM salary_statements s WHERE s.month = ${month} AND s.user_id IN (SELECT value FROM json_each(${ids(people)}))`),
  ]);
  const rule = ruleOf(ruleRows, month);
  const workingDays = workingDaysOfMonth(month, productionCalendar(Number(month.slice(0, 4))));
  return people.map((person) => {
    const row = statementRows.find((r) => r.user_id === person.id);
    const state = row?.state ?? 'draft';
    if (row && (state === 'approved' || state === 'exported') && row.snapshot) {
      return { person, month, state, row, frozen: true, statement: JSON.parse(row.snapshot) as SalaryStatement, problem: null };
    }
    if (!rule)
      return {
        person,
        month,
        state,
        row,
        frozen: false,
        statement: null,
        problem: fill(msg('pay.api.noRule', 'ru'), { month }),
      };
    const plan = planRows.find((p) => p.user_id === person.id);
    const targetedCallsByLocalDay: Record<string, number> = {};
    for (const c of callRows) if (c.user_id === person.id) targetedCallsByLocalDay[c.day] = c.n;
    const statement = computeSalaryStatement({
      month,
      userId: person.id,
      rule,
      plan: plan ? { amountKopecks: plan.amount_kopecks, metric: plan.metric } : null,
      documents: docRows
        .filter((d) => d.user_id === person.id)
        .map((d) => ({
          id: d.id,
          kind: d.kind,
          number: d.number,
          date: d.date_local,
          amountKopecks: d.amount_kopecks,
          clientName: d.client_name ?? '—',
          responsibleUserId: d.user_id,
        })),
      kpiFacts: { targetedCallsByLocalDay, workingDays },
    });
    return { person, month, state, row, frozen: false, statement, problem: null };
  });
}
