import { sql } from 'drizzle-orm';
import { tasks } from '../../../../schema/db';
import { requireWriter } from '../../access';
import { AppError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { loadReadableCompany } from '../../clients';
import { loadReadableLead } from '../leads/load';
import { canActFor, TASK_COLUMNS, taskView, type TaskRow } from './access';

/** A next action for oneself, or (a head) for one of his managers, about a company or lead the caller can see. */
export async function createTask({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    title: string;
    dueAt: number;
    companyId?: number | undefined;
    leadId?: number | undefined;
    userId?: number | undefined;
    kind: 'callback' | 'follow_up' | 'custom';
  };
}) {
  const p = requireWriter(ctx.principal);
  const userId = input.userId ?? p.user.id;
  if (!(await canActFor(ctx.db, p, userId)))
    throw new AppError('forbidden', {
      ru: 'Ставить задачи можно себе или своим менеджерам',
      en: 'Tasks go to yourself or to your own managers',
    });
  let companyId = input.companyId ?? null;
  if (input.leadId) companyId = (await loadReadableLead(ctx.db, p, input.leadId)).company_id;
  else if (companyId) await loadReadableCompany(ctx.db, p, companyId);
  const row = await ctx.db
    .insert(tasks)
    .values({
      userId,
      companyId,
      leadId: input.leadId ?? null,
      kind: input.kind,
      title: input.title,
      dueAt: input.dueAt,
      createdAt: ctx.now,
    })
    .returning({ id: tasks.id })
    .get();
  const task = await ctx.db.get<TaskRow>(sql`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ${row.id}`);
  return taskView(task!, ctx.now);
}
