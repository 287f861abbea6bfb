import { sql } from 'drizzle-orm';
import { requireWriter } from '../../access';
import { auditInsert } from '../../audit';
import { AppError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { loadTaskFor, taskView } from './access';

/**
 * Moves a task to another due time, renames it, or puts a done one back to work (`done: false`):
 * the owner, his head, the admin. A task still in the missed-call queue is taken first; a done one
 * is history unless reopened; a withdrawn (cancelled) one stays withdrawn. One batch with its audit row.
 */
export async function updateTask({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; dueAt?: number | undefined; title?: string | undefined; done?: false | undefined };
}) {
  const p = requireWriter(ctx.principal);
  const task = await loadTaskFor(ctx.db, p, input.id, ctx.now);
  if (input.done === false && task.cancelled_at !== null)
    throw new AppError('conflict', {
      ru: `Задача снята${task.cancel_reason ? ` (${task.cancel_reason})` : ''}: её не вернуть в работу`,
      en: 'The task was withdrawn: it cannot be reopened',
    });
  if (task.user_id === null)
    throw new AppError('conflict', {
      ru: 'Задача в очереди региона: сначала возьмите её',
      en: 'The task waits in the queue: take it first',
    });
  const reopen = input.done === false && task.done_at !== null;
  if (task.done_at !== null && !reopen) throw new AppError('conflict', { ru: 'Задача уже выполнена', en: 'The task is already done' });
  const dueAt = input.dueAt ?? task.due_at;
  const title = input.title ?? task.title;
  if (!reopen && dueAt === task.due_at && title === task.title) return taskView(task, ctx.now);
  await ctx.db.batch([
    reopen
      ? ctx.db.run(sql`UPDATE tasks SET done_at = NULL, due_at = ${dueAt}, title = ${title}
          WHERE id = ${task.id} AND done_at IS NOT NULL AND cancelled_at IS NULL`)
      : ctx.db.run(sql`UPDATE tasks SET due_at = ${dueAt}, title = ${title} WHERE id = ${task.id} AND done_at IS NULL`),
    // The timeline keeps that it was done; its key is freed so that completing it again is a new event.
    ...(reopen
      ? [
          ctx.db.run(sql`UPDATE events SET external_id = external_id || ':reopened:' || id,
              details = json_set(coalesce(details, '{}'), '$.reopenedAt', ${ctx.now})
            WHERE source = 'manual' AND external_id = ${`task:${task.id}`}`),
        ]
      : []),
    auditInsert(ctx, {
      action: 'change',
      entity: 'task',
      entityId: task.id,
      details: {
        op: reopen ? 'reopen' : 'update',
        ...(reopen ? { doneAt: task.done_at } : {}),
        ...(dueAt !== task.due_at ? { dueAt: { from: task.due_at, to: dueAt } } : {}),
        ...(title !== task.title ? { title: true } : {}),
      },
    }),
  ]);
  return taskView({ ...task, due_at: dueAt, title, ...(reopen ? { done_at: null } : {}) }, ctx.now);
}
