import { sql } from 'drizzle-orm';
import { events } from '../../../../schema/db';
import { requireWriter } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { loadTaskFor, taskView } from './access';

/** Marks a task done; the timeline gets a task_done event (a touch of the client). Done twice = done once. */
export async function completeTask({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  const p = requireWriter(ctx.principal);
  const task = await loadTaskFor(ctx.db, p, input.id, ctx.now);
  if (task.done_at === null) {
    await ctx.db.batch([
      // A queue task done by someone of its region is his: he called back.
      ctx.db.run(
        sql`UPDATE tasks SET done_at = ${ctx.now}, user_id = coalesce(user_id, ${p.user.id}) WHERE id = ${task.id} AND done_at IS NULL`,
      ),
      ctx.db
        .insert(events)
        .values({
          kind: 'task_done',
          source: 'manual',
          externalId: `task:${task.id}`,
          occurredAt: ctx.now,
          companyId: task.company_id,
          leadId: task.lead_id,
          userId: p.user.id,
          subject: task.title,
          details: { taskId: task.id },
          createdAt: ctx.now,
        })
        .onConflictDoNothing(),
    ]);
  }
  return taskView({ ...task, user_id: task.user_id ?? p.user.id, done_at: task.done_at ?? ctx.now }, ctx.now);
}
