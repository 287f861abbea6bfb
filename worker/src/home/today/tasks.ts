import { sql } from 'drizzle-orm';
import type { TodayItem } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { REGION_ZONES, regionZones, TASK_SELECT, taskItem, withTaskPhone, type TaskRow } from './build';
import { todayScope } from './scope';

export const TASK_TABS = ['mine', 'queue', 'overdue', 'done'] as const;
export type TaskTab = (typeof TASK_TABS)[number];

/**
 * The tasks page's tabs, in the same rows as «Мой день»: open tasks (a head: his regions' people),
 * the missed-call queue the caller sees, the overdue ones, the latest done.
 */
export async function listTaskTab({ ctx, input }: { ctx: ServiceContext; input: { tab: TaskTab } }): Promise<TodayItem[]> {
  const p = requireUser(ctx.principal);
  const scope = todayScope(p, ctx.now);
  const where = {
    mine: sql`${scope.tasks} AND t.done_at IS NULL ORDER BY t.due_at`,
    queue: sql`${scope.queue} AND t.done_at IS NULL ORDER BY t.due_at`,
    overdue: sql`${scope.tasks} AND t.done_at IS NULL AND t.due_at < ${ctx.now} ORDER BY t.due_at`,
    done: sql`${scope.tasks} AND t.done_at IS NOT NULL ORDER BY t.done_at DESC`,
  }[input.tab];
  const [rows, regionRows] = await ctx.db.batch([
    ctx.db.all<TaskRow>(withTaskPhone(sql`${TASK_SELECT} WHERE ${where} LIMIT 200`)),
    ctx.db.all<{ id: number; time_zone: string | null }>(REGION_ZONES),
  ]);
  const zones = regionZones(regionRows);
  return rows.map((t) => ({
    ...taskItem(t, ctx.now, input.tab === 'queue', ctx.lang, zones),
    ...(input.tab === 'done' ? { overdue: false } : {}),
  }));
}
