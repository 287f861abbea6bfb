import { sql } from 'drizzle-orm';
import { requireWriter } from '../../access';
import { auditInsert } from '../../audit';
import { AppError, notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { seesQueueTask, TASK_COLUMNS, taskView, type TaskRow } from './access';

/**
 * A manager takes a task from his region's missed-call queue: the first to take it owns it, and
 * the client too when nobody owns him yet (with his open leads). One batch, guarded on the task
 * still being in the queue, so of twenty who press at once exactly one wins; the others get a 409
 * naming who took it.
 */
export async function takeTask({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  const p = requireWriter(ctx.principal);
  const task = await ctx.db.get<TaskRow | undefined>(sql`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ${input.id}`);
  // Someone of the queue's region who comes second learns who took it; anyone else sees nothing there.
  const ofQueueRegion = !!task && task.region_id !== null && (p.user.role === 'admin' || p.user.regionIds.includes(task.region_id));
  if (!task || (task.user_id === null ? !seesQueueTask(p, task, ctx.now) : task.user_id !== p.user.id && !ofQueueRegion)) throw notFound();
  if (task.user_id === p.user.id) return taskView(task, ctx.now);
  const me = p.user.id;
  const won = sql`(SELECT user_id FROM tasks WHERE id = ${task.id}) = ${me} AND (SELECT taken_at FROM tasks WHERE id = ${task.id}) = ${ctx.now}`;
  const [taken] =
    task.user_id !== null
      ? [[]]
      : await ctx.db.batch([
          ctx.db.all<TaskRow>(sql`UPDATE tasks SET user_id = ${me}, taken_at = ${ctx.now} WHERE id = ${task.id} AND user_id IS NULL AND done_at IS NULL
            RETURNING ${TASK_COLUMNS}`),
          ctx.db.run(
            sql`UPDATE companies SET owner_id = ${me}, updated_at = ${ctx.now} WHERE id = ${task.company_id} AND owner_id IS NULL AND ${won}`,
          ),
          ctx.db.run(sql`UPDATE leads SET owner_id = ${me} WHERE company_id = ${task.company_id} AND closed_at IS NULL AND owner_id IS NULL AND ${won}
            AND (SELECT owner_id FROM companies WHERE id = ${task.company_id}) = ${me}`),
        ]);
  const row = (taken as TaskRow[])[0];
  if (!row) {
    const holder = await ctx.db.get<{ name: string | null; user_id: number | null }>(
      sql`SELECT user_id, (SELECT name FROM users WHERE id = tasks.user_id) AS name FROM tasks WHERE id = ${task.id}`,
    );
    if (holder?.user_id === me) return taskView({ ...task, user_id: me }, ctx.now);
    throw new AppError('conflict', {
      ru: holder?.name ? `Задачу уже взял(а) ${holder.name}` : 'Задача уже закрыта',
      en: holder?.name ? `${holder.name} has already taken this task` : 'The task is already closed',
    });
  }
  await auditInsert(ctx, {
    action: 'change',
    entity: 'task',
    entityId: task.id,
    details: { op: 'take', regionId: task.region_id, companyId: task.company_id },
  });
  return taskView(row, ctx.now);
}
