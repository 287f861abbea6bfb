import { sql } from 'drizzle-orm';
import type { UserPrincipal } from '../../access';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';

/** A missed-call queue task untaken this long after the call is shown to the region's head as well. */
export const QUEUE_ESCALATION_MS = 60 * 60_000;

export interface TaskRow {
  id: number;
  user_id: number | null;
  region_id: number | null;
  company_id: number | null;
  lead_id: number | null;
  kind: 'callback' | 'follow_up' | 'custom';
  title: string;
  due_at: number;
  done_at: number | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
  /** When what opened the task happened (the call), else when the task was made. */
  since: number;
}

export const TASK_COLUMNS = sql.raw(`tasks.id, tasks.user_id, tasks.region_id, tasks.company_id, tasks.lead_id, tasks.kind, tasks.title,
  tasks.due_at, tasks.done_at, tasks.cancelled_at, tasks.cancel_reason,
  coalesce((SELECT e.occurred_at FROM events e WHERE e.id = tasks.source_event_id), tasks.created_at) AS since`);

/** Whether `userId` is the caller or, for a head, someone of his regions; the admin: anyone. */
export async function canActFor(db: Db, p: UserPrincipal, userId: number): Promise<boolean> {
  if (userId === p.user.id || p.user.role === 'admin') return true;
  if (p.user.role !== 'head' || !p.user.regionIds.length) return false;
  const row = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM user_regions WHERE user_id = ${userId} AND region_id IN (SELECT value FROM json_each(${JSON.stringify(p.user.regionIds)}))`,
  );
  return Number(row?.n ?? 0) > 0;
}

/**
 * Who sees a task waiting in a region's missed-call queue: every manager of the region at once,
 * its head once it has waited an hour since the call, the admin always.
 */
export function seesQueueTask(p: UserPrincipal, t: Pick<TaskRow, 'region_id' | 'since'>, now: number): boolean {
  if (p.user.role === 'admin') return true;
  if (t.region_id === null || !p.user.regionIds.includes(t.region_id)) return false;
  return p.user.role === 'manager' || now - t.since >= QUEUE_ESCALATION_MS;
}

/** A task of the caller (or of his people, for a head; or in a queue he sees), else the same 404 as a missing one. */
export async function loadTaskFor(db: Db, p: UserPrincipal, id: number, now: number): Promise<TaskRow> {
  const task = await db.get<TaskRow | undefined>(sql`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ${id}`);
  if (!task) throw notFound();
  const visible = task.user_id === null ? seesQueueTask(p, task, now) : await canActFor(db, p, task.user_id);
  if (!visible) throw notFound();
  return task;
}

export function taskView(t: TaskRow, now: number) {
  const queued = t.user_id === null;
  return {
    id: t.id,
    userId: t.user_id,
    queueRegionId: queued ? t.region_id : null,
    companyId: t.company_id,
    leadId: t.lead_id,
    kind: t.kind,
    title: t.title,
    dueAt: t.due_at,
    doneAt: t.done_at,
    cancelledAt: t.cancelled_at,
    cancelReason: t.cancel_reason,
    overdue: t.done_at === null && t.due_at < now,
    escalated: queued && t.done_at === null && now - t.since >= QUEUE_ESCALATION_MS,
  };
}
