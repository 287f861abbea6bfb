import { sql } from 'drizzle-orm';
import { requireRole, requireWriter } from '../../access';
import { AppError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { canActFor, loadTaskFor, taskView } from './access';

/** A head (or the admin) gives a task to another of his people. */
export async function reassignTask({ ctx, input }: { ctx: ServiceContext; input: { id: number; userId: number } }) {
  requireWriter(ctx.principal);
  const p = requireRole(ctx.principal, 'head', 'admin');
  const task = await loadTaskFor(ctx.db, p, input.id, ctx.now);
  if (!(await canActFor(ctx.db, p, input.userId)))
    throw new AppError('validation_failed', undefined, [
      { field: 'body.userId', message: ctx.lang === 'ru' ? 'Этот пользователь не из ваших регионов' : 'Not one of your people' },
    ]);
  await ctx.db.batch([
    ctx.db.run(sql`UPDATE tasks SET user_id = ${input.userId} WHERE id = ${task.id}`),
    auditInsert(ctx, {
      action: 'change',
      entity: 'task',
      entityId: task.id,
      details: { op: 'reassign', from: task.user_id, to: input.userId },
    }),
  ]);
  return taskView({ ...task, user_id: input.userId }, ctx.now);
}
