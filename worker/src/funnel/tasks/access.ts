import { sql } from 'drizzle-orm';
import type { UserPrincipal } from '../../access';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';

export interface TaskRow {
  id: number;
  user_id: number;
  company_id: number | null;
  lead_id: number | null;
  kind: 'callback' | 'follow_up' | 'custom';
  title: string;
  due_at: number;
  done_at: number | null;
}

/** Whether `userId` is the caller or, for a head, someone of his regions; the admin: anyone. */
export async function canActFor(db: Db, p: UserPrincipal, userId: number): Promise<boolean> {
  if (userId === p.user.id || p.user.role === 'admin') return true;
  if (p.user.role !== 'head' || !p.user.regionIds.length) return false;
  const row = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM user_regions WHERE user_id = ${userId} AND region_id IN (SELECT value FROM json_each(${JSON.stringify(p.user.regionIds)}))`,
  );
  return Number(row?.n ?? 0) > 0;
}

/** A task of the caller (or of his people, for a head), else the same 404 as a missing one. */
export async function loadTaskFor(db: Db, p: UserPrincipal, id: number): Promise<TaskRow> {
  const task = await db.get<TaskRow | undefined>(
    sql`SELECT id, user_id, company_id, lead_id, kind, title, due_at, done_at FROM tasks WHERE id = ${id}`,
  );
  if (!task || !(await canActFor(db, p, task.user_id))) throw notFound();
  return task;
}

export function taskView(t: TaskRow, now: number) {
  return {
    id: t.id,
    userId: t.user_id,
    companyId: t.company_id,
    leadId: t.lead_id,
    kind: t.kind,
    title: t.title,
    dueAt: t.due_at,
    doneAt: t.done_at,
    overdue: t.done_at === null && t.due_at < now,
  };
}
