import { sql } from 'drizzle-orm';
import { requireUser } from '../../access';
import { notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { canActFor, taskView, type TaskRow } from './access';

/** One person's tasks (the caller's own, or one of a head's people): open, overdue or done. */
export async function listTasks({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { status: 'open' | 'overdue' | 'done'; userId?: number | undefined; limit: number };
}) {
  const p = requireUser(ctx.principal);
  const userId = input.userId ?? p.user.id;
  if (!(await canActFor(ctx.db, p, userId))) throw notFound();
  const filter =
    input.status === 'done'
      ? sql`done_at IS NOT NULL`
      : input.status === 'overdue'
        ? sql`done_at IS NULL AND due_at < ${ctx.now}`
        : sql`done_at IS NULL`;
  const order = input.status === 'done' ? sql`done_at DESC` : sql`due_at`;
  const rows = await ctx.db.all<TaskRow>(sql`SELECT id, user_id, company_id, lead_id, kind, title, due_at, done_at FROM tasks
    WHERE user_id = ${userId} AND ${filter} ORDER BY ${order} LIMIT ${input.limit}`);
  return { items: rows.map((t) => taskView(t, ctx.now)) };
}
