import { sql } from 'drizzle-orm';
import type { PayStatement } from '../../../schema/contracts';
import { requireUser, requireWriter } from '../access';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { salaryStatementTransitions, transition, type SalaryStatementAction } from './calculator';
import { principalLabel } from '../platform/principal';
import { monthFigures } from './month-figures';
import { currentMonth, payPeople, payPerson } from './people';
import { statementView } from './statement-view';

/** The month's statements of every manager in the caller's scope (a manager: his own). */
export async function listStatements({ ctx, input }: { ctx: ServiceContext; input: { month?: string } }) {
  const caller = requireUser(ctx.principal);
  const month = input.month ?? currentMonth(ctx.now);
  const figures = await monthFigures(ctx, await payPeople(ctx), month);
  return {
    month,
    items: figures.map((f) => {
      const { figures: full, ...view } = statementView(caller, f);
      return {
        ...view,
        totalKopecks: full?.totalKopecks ?? null,
        basisKopecks: full?.basisKopecks ?? null,
        planCompletionBp: full?.planCompletionBp ?? null,
      };
    }),
  };
}

/** One manager's statement with every line explained; a draft is computed from the data now. */
export async function getStatement({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { userId: number; month: string };
}): Promise<PayStatement> {
  const caller = requireUser(ctx.principal);
  const [figures] = await monthFigures(ctx, [await payPerson(ctx, input.userId)], input.month);
  return statementView(caller, figures!);
}

/**
 * A step of the statement's workflow (docs/pay.md): checked or disputed by its manager, answered,
 * recomputed or approved by a head or the admin. Approval freezes the figures as they are now.
 * The state is changed only if nobody changed it meanwhile; each step is audit-logged with it.
 */
export async function actOnStatement({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { userId: number; month: string; action: Exclude<SalaryStatementAction, 'export'>; comment?: string };
}): Promise<PayStatement> {
  const caller = requireWriter(ctx.principal);
  const person = await payPerson(ctx, input.userId);
  const [figures] = await monthFigures(ctx, [person], input.month);
  const current = figures!.state;
  const comment = input.comment?.trim() || null;
  const rule = salaryStatementTransitions[input.action];
  const actor = { role: caller.user.role, isOwner: caller.user.id === person.id };
  const result = transition(current, input.action, actor, comment);
  if (!result.ok) {
    const text = { ru: result.reasonRu, en: result.reasonEn };
    if (!rule.roles.includes(actor.role) || (rule.owner === 'only' && !actor.isOwner) || (rule.owner === 'not' && actor.isOwner))
      throw new AppError('forbidden', text);
    if (!rule.from.includes(current)) throw new AppError('conflict', text);
    throw new AppError('validation_failed', text, [
      { field: 'body.comment', message: ctx.lang === 'ru' ? result.reasonRu : result.reasonEn },
    ]);
  }
  if (input.action === 'approve' && !figures!.statement)
    throw new AppError('conflict', { ru: figures!.problem ?? 'Расчёт не составлен', en: 'The statement cannot be computed' });

  const next = result.next;
  const approve = input.action === 'approve';
  const snapshot = approve ? JSON.stringify(figures!.statement) : null;
  const total = approve ? figures!.statement!.totalKopecks : null;
  const changed = (await ctx.db.batch([
    // A month nobody touched yet is a draft without a row: give it one, then move it like any other.
    ctx.db.run(sql`INSERT INTO salary_statements (user_id, month, state, updated_at) VALUES (${person.id}, ${input.month}, 'draft', ${ctx.now})
      ON CONFLICT (user_id, month) DO NOTHING`),
    ctx.db.all<{ id: number }>(sql`UPDATE salary_statements SET state = ${next},
        snapshot = CASE WHEN ${approve ? 1 : 0} = 1 THEN ${snapshot} ELSE snapshot END,
        total_kopecks = CASE WHEN ${approve ? 1 : 0} = 1 THEN ${total} ELSE total_kopecks END,
        dispute_comment = CASE WHEN ${input.action} = 'dispute' THEN ${comment} ELSE dispute_comment END,
        resolution_comment = CASE WHEN ${input.action} IN ('answer', 'approve') AND ${comment} IS NOT NULL THEN ${comment} ELSE resolution_comment END,
        checked_at = CASE WHEN ${input.action} = 'check' THEN ${ctx.now} ELSE checked_at END,
        approved_by = CASE WHEN ${approve ? 1 : 0} = 1 THEN ${caller.user.id} ELSE approved_by END,
        approved_at = CASE WHEN ${approve ? 1 : 0} = 1 THEN ${ctx.now} ELSE approved_at END,
        updated_at = ${ctx.now}
      WHERE user_id = ${person.id} AND month = ${input.month} AND state = ${current}
      RETURNING id`),
    // Logged only when this request made the change (the row now carries its time and new state).
    ctx.db.run(sql`INSERT INTO audit_log (at, user_id, principal, action, entity, entity_id, details, request_id)
      SELECT ${ctx.now}, ${caller.user.id}, ${principalLabel(caller)}, 'change', 'salary_statement', ${`${person.id}:${input.month}`},
        ${JSON.stringify({ action: input.action, from: current, to: next, comment, totalKopecks: figures!.statement?.totalKopecks ?? null })}, ${ctx.requestId}
      WHERE EXISTS (SELECT 1 FROM salary_statements WHERE user_id = ${person.id} AND month = ${input.month} AND updated_at = ${ctx.now} AND state = ${next})`),
  ])) as unknown as [unknown, { id: number }[], unknown];
  if (!changed[1].length) {
    throw new AppError('conflict', {
      ru: 'Расчёт только что изменил кто-то другой — обновите страницу',
      en: 'Someone else just changed the statement; reload it',
    });
  }
  return getStatement({ ctx, input: { userId: person.id, month: input.month } });
}
