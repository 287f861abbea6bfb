import { sql } from 'drizzle-orm';
import type { WidgetMonth, WidgetRegion } from '../../../schema/contracts';
import { requireRole, requireUser } from '../access';
import type { ServiceContext } from '../platform/route';
import { ruleOf, salaryRuleRows } from '../pay';
import { localDate, localDayBounds } from '../platform/time';
import { listPlans } from '../pay';
import { monthFigures, targetedCallsByDay, type PayPerson } from '../pay';
import { currentMonth, payPeople } from '../pay';

const sum = (rows: { n: number }[]) => rows.reduce((s, r) => s + Number(r.n), 0);

/** The caller's own month for the 1C home page: plan, pay so far, today's calls, funnel, tasks. */
export async function monthWidget({ ctx }: { ctx: ServiceContext }): Promise<WidgetMonth> {
  const caller = requireUser(ctx.principal);
  const me = await ctx.db.get<{ time_zone: string }>(sql`SELECT time_zone FROM users WHERE id = ${caller.user.id}`);
  const person: PayPerson = { id: caller.user.id, name: caller.user.name, timeZone: me?.time_zone ?? 'Europe/Moscow' };
  const month = currentMonth(ctx.now);
  const [figures] = await monthFigures(ctx, [person], month);
  const [today, funnel, stuck, overdue, callBacks, rules] = await ctx.db.batch([
    targetedCallsByDay(ctx, [{ person, bounds: localDayBounds(ctx.now, person.timeZone) }]),
    ctx.db.all<{ stage_id: string; name_ru: string; n: number; stuck: number }>(sql`SELECT s.id AS stage_id, s.name_ru, count(l.id) AS n,
        coalesce(sum(CASE WHEN s.sla_hours IS NOT NULL AND ${ctx.now} - l.stage_entered_at > s.sla_hours * 3600000 THEN 1 ELSE 0 END), 0) AS stuck
      FROM stages s LEFT JOIN leads l ON l.stage_id = s.id AND l.owner_id = ${person.id} AND l.closed_at IS NULL
      WHERE s.outcome = 'open' GROUP BY s.id ORDER BY s.position`),
    ctx.db.all<{
      id: number;
      company_name: string;
      name_ru: string;
      stage_entered_at: number;
    }>(sql`SELECT l.id, c.name AS company_name, s.name_ru, l.stage_entered_at
      FROM leads l JOIN stages s ON s.id = l.stage_id JOIN companies c ON c.id = l.company_id
      WHERE l.owner_id = ${person.id} AND l.closed_at IS NULL AND s.outcome = 'open' AND s.sla_hours IS NOT NULL AND ${ctx.now} - l.stage_entered_at > s.sla_hours * 3600000
      ORDER BY l.stage_entered_at LIMIT 5`),
    ctx.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM tasks WHERE user_id = ${person.id} AND done_at IS NULL AND due_at IS NOT NULL AND due_at < ${ctx.now}`,
    ),
    ctx.db.all<{
      id: number;
      company_id: number | null;
      company_name: string | null;
      phone: string | null;
      due_at: number | null;
    }>(sql`SELECT t.id, t.company_id, c.name AS company_name,
        (SELECT value FROM contact_points WHERE company_id = t.company_id AND kind = 'phone' ORDER BY id LIMIT 1) AS phone, t.due_at
      FROM tasks t LEFT JOIN companies c ON c.id = t.company_id
      WHERE t.user_id = ${person.id} AND t.kind = 'callback' AND t.done_at IS NULL ORDER BY t.due_at LIMIT 10`),
    salaryRuleRows(ctx),
  ]);
  const rule = ruleOf(rules, month);
  const statement = figures!.statement;
  return {
    userName: person.name,
    month,
    date: localDate(ctx.now, person.timeZone),
    planKopecks: statement?.planKopecks ?? null,
    factKopecks: statement?.basisKopecks ?? 0,
    planCompletionBp: statement?.planCompletionBp ?? null,
    earnedKopecks: statement?.totalKopecks ?? null,
    targetedCallsToday: sum(today),
    targetedCallsTarget: rule?.kpis.find((k) => k.kind === 'targeted_calls_per_working_day')?.target ?? null,
    funnel: funnel.map((f) => ({ stageId: f.stage_id, nameRu: f.name_ru, count: Number(f.n), stuck: Number(f.stuck) })),
    stuckLeads: stuck.map((l) => ({ leadId: l.id, companyName: l.company_name, stageRu: l.name_ru, since: l.stage_entered_at })),
    overdueTasks: sum(overdue),
    callBacks: callBacks.map((t) => ({
      taskId: t.id,
      companyId: t.company_id,
      companyName: t.company_name,
      phone: t.phone,
      dueAt: t.due_at,
    })),
    at: ctx.now,
  };
}

/** A head's regions: the plan against the fact, and his managers ranked by plan completion. */
export async function regionWidget({ ctx }: { ctx: ServiceContext }): Promise<WidgetRegion> {
  const caller = requireRole(ctx.principal, 'head', 'admin');
  const month = currentMonth(ctx.now);
  const [plans, people, regions] = await Promise.all([
    listPlans({ ctx, input: { month } }),
    payPeople(ctx),
    ctx.db.all<{ name: string }>(
      caller.user.role === 'admin'
        ? sql`SELECT name FROM regions ORDER BY name`
        : sql`SELECT name FROM regions WHERE id IN (SELECT value FROM json_each(${JSON.stringify(caller.user.regionIds)})) ORDER BY name`,
    ),
  ]);
  const today = await targetedCallsByDay(
    ctx,
    people.map((person) => ({ person, bounds: localDayBounds(ctx.now, person.timeZone) })),
  );
  const planKopecks = plans.items.reduce((s, p) => s + (p.planKopecks ?? 0), 0);
  const factKopecks = plans.items.reduce((s, p) => s + p.factKopecks, 0);
  const leaders = plans.items
    .map((p) => ({
      userId: p.userId,
      name: p.userName,
      planKopecks: p.planKopecks,
      factKopecks: p.factKopecks,
      planCompletionBp: p.completionBp,
      targetedCallsToday: sum(today.filter((t) => t.user_id === p.userId)),
    }))
    .sort(
      (a, b) =>
        (b.planCompletionBp ?? -1) - (a.planCompletionBp ?? -1) || b.factKopecks - a.factKopecks || a.name.localeCompare(b.name, 'ru'),
    );
  return {
    userName: caller.user.name,
    month,
    regions: regions.map((r) => r.name),
    planKopecks,
    factKopecks,
    planCompletionBp: planKopecks > 0 ? Number((BigInt(factKopecks) * 10_000n) / BigInt(planKopecks)) : null,
    leaders,
    at: ctx.now,
  };
}
