import { sql } from 'drizzle-orm';
import { requireWriter } from '../../access';
import { auditInsert } from '../../audit';
import { AppError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { loadTaskFor, taskView } from './access';

/**
 * Moves a task to another due time (or renames it): the owner, his head, the admin. A task still
 * in the missed-call queue is taken first, a done one is history. One batch with its audit row.
 */
export async function updateTask({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; dueAt?: number | undefined; title?: string | undefined };
}) {
  const p = requireWriter(ctx.principal);
  const task = await loadTaskFor(ctx.db, p, input.id, ctx.now);
  if (task.user_id === null)
    throw new AppError('conflict', {
      ru: 'Задача в очереди региона: сначала возьмите её',
      en: 'The task waits in the queue: take it first',
    });
  if (task.done_at !== null) throw new AppError('conflict', { ru: 'Задача уже выполнена', en: 'The task is already done' });
  const dueAt = input.dueAt ?? task.due_at;
  const title = input.title ?? task.title;
  if (dueAt === task.due_at && title === task.title) return taskView(task, ctx.now);
  await ctx.db.batch([
    ctx.db.run(sql`UPDATE tasks SET due_at = ${dueAt}, title = ${title} WHERE id = ${task.id} AND done_at IS NULL`),
    auditInsert(ctx, {
      action: 'change',
      entity: 'task',
      entityId: task.id,
      details: {
        op: 'update',
        ...(dueAt !== task.due_at ? { dueAt: { from: task.due_at, to: dueAt } } : {}),
        ...(title !== task.title ? { title: true } : {}),
      },
    }),
  ]);
  return taskView({ ...task, due_at: dueAt, title }, ctx.now);
}
