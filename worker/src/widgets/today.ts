import { and, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { events, leads, stages, tasks, users } from '../../../schema/db';
import type { WidgetToday } from '../../../schema/contracts';
import { requireUser } from '../access';
import type { ServiceContext } from '../platform/route';
import { localDate, localDayBounds } from '../platform/time';

/** The caller's own day in his time zone: calls, targeted calls, open leads, overdue tasks. */
export async function getTodayFigures({ ctx }: { ctx: ServiceContext }): Promise<WidgetToday> {
  const p = requireUser(ctx.principal);
  const me = await ctx.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, p.user.id)).get();
  const timeZone = me?.timeZone ?? 'Europe/Moscow';
  const [from, to] = localDayBounds(ctx.now, timeZone);
  const [calls, open, overdue] = await ctx.db.batch([
    ctx.db
      .select({
        all: sql<number>`count(*)`,
        targeted: sql<number>`coalesce(sum(${events.targeted}), 0)`,
      })
      .from(events)
      .where(and(eq(events.userId, p.user.id), eq(events.kind, 'call'), gte(events.occurredAt, from), lt(events.occurredAt, to))),
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(leads)
      .innerJoin(stages, eq(stages.id, leads.stageId))
      .where(and(eq(leads.ownerId, p.user.id), eq(stages.outcome, 'open'))),
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(tasks)
      .where(and(eq(tasks.userId, p.user.id), isNull(tasks.doneAt), lt(tasks.dueAt, ctx.now), isNotNull(tasks.dueAt))),
  ]);
  return {
    userName: p.user.name,
    date: localDate(ctx.now, timeZone),
    timeZone,
    callsToday: Number(calls[0]?.all ?? 0),
    targetedCallsToday: Number(calls[0]?.targeted ?? 0),
    openLeads: Number(open[0]?.n ?? 0),
    overdueTasks: Number(overdue[0]?.n ?? 0),
  };
}
