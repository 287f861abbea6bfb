import { sql } from 'drizzle-orm';
import { requireUser } from '../../access';
import { notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { canActFor, QUEUE_ESCALATION_MS, TASK_COLUMNS, taskView, type TaskRow } from './access';

/**
 * One person's tasks (the caller's own, or one of a head's people), or the missed-call queue of
 * the caller's regions (a manager sees it all, a head what waited an hour, the admin every region):
 * open, overdue or done.
 */
export async function listTasks({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { status: 'open' | 'overdue' | 'done'; scope?: 'mine' | 'queue'; userId?: number | undefined; limit: number };
}) {
  const p = requireUser(ctx.principal);
  const filter =
    input.status === 'done'
      ? sql`done_at IS NOT NULL`
      : input.status === 'overdue'
        ? sql`done_at IS NULL AND due_at < ${ctx.now}`
        : sql`done_at IS NULL`;
  const order = input.status === 'done' ? sql`done_at DESC` : sql`due_at`;
  let whose;
  if (input.scope === 'queue') {
    const regions = sql`(SELECT value FROM json_each(${JSON.stringify(p.user.regionIds)}))`;
    whose =
      p.user.role === 'admin'
        ? sql`user_id IS NULL AND region_id IS NOT NULL`
        : p.user.role === 'head'
          ? sql`user_id IS NULL AND region_id IN ${regions}
              AND coalesce((SELECT e.occurred_at FROM events e WHERE e.id = tasks.source_event_id), tasks.created_at) <= ${ctx.now - QUEUE_ESCALATION_MS}`
          : sql`user_id IS NULL AND region_id IN ${regions}`;
  } else {
    const userId = input.userId ?? p.user.id;
    if (!(await canActFor(ctx.db, p, userId))) throw notFound();
    whose = sql`user_id = ${userId}`;
  }
  const rows = await ctx.db.all<TaskRow>(
    sql`SELECT ${TASK_COLUMNS} FROM tasks WHERE ${whose} AND ${filter} ORDER BY ${order} LIMIT ${input.limit}`,
  );
  return { items: rows.map((t) => taskView(t, ctx.now)) };
}
