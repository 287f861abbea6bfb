import { sql } from 'drizzle-orm';
import type { PayStatement } from '../../../schema/contracts';
import { requireUser, requireWriter, type UserPrincipal } from '../access';
import { AppError } from '../platform/errors';
import { byRussian, msg, type Lang } from '../platform/i18n';
import { PAY } from '../platform/messages/pay';
import type { ServiceContext } from '../platform/route';
import { salaryStatementTransitions, transition, type SalaryStatementAction } from './calculator';
import { principalLabel } from '../platform/principal';
import { monthFigures, type MonthFigures } from './month-figures';
import { currentMonth, payPeople, payPerson } from './people';
import { statementView } from './statement-view';

/** Why a statement cannot be approved, in the caller's language (the problem is kept in Russian). */
const problemText = byRussian(PAY);
const problemIn = (f: MonthFigures, lang: Lang) => (f.problem ? problemText(f.problem, lang) : msg('pay.noStatement', lang));

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
    throw new AppError('conflict', { ru: problemIn(figures!, 'ru'), en: problemIn(figures!, 'en') });

  const changed = (await ctx.db.batch(
    moveStatement(ctx, caller, {
      userId: person.id,
      month: input.month,
      action: input.action,
      from: current,
      to: result.next,
      comment,
      statement: figures!.statement,
    }),
  )) as unknown as [unknown, { id: number }[], unknown];
  if (!changed[1].length) {
    throw new AppError('conflict', {
      ru: 'Расчёт только что изменил кто-то другой — обновите страницу',
      en: 'Someone else just changed the statement; reload it',
    });
  }
  return getStatement({ ctx, input: { userId: person.id, month: input.month } });
}

/**
 * The three statements of one workflow step, for a D1 batch: give an untouched month its draft row,
 * move the state only if nobody changed it meanwhile (RETURNING the row when this request moved it),
 * and log the step only when this request made the change. Approval freezes the figures as they are.
 */
function moveStatement(
  ctx: ServiceContext,
  caller: UserPrincipal,
  step: {
    userId: number;
    month: string;
    action: Exclude<SalaryStatementAction, 'export'>;
    from: string;
    to: string;
    comment: string | null;
    statement: MonthFigures['statement'];
  },
) {
  const { userId, month, action, from, to, comment } = step;
  const approve = action === 'approve';
  const snapshot = approve ? JSON.stringify(step.statement) : null;
  const total = approve ? (step.statement?.totalKopecks ?? null) : null;
  return [
    // A month nobody touched yet is a draft without a row: give it one, then move it like any other.
    ctx.db.run(sql`INSERT INTO salary_statements (user_id, month, state, updated_at) VALUES (${userId}, ${month}, 'draft', ${ctx.now})
      ON CONFLICT (user_id, month) DO NOTHING`),
    ctx.db.all<{ id: number }>(sql`UPDATE salary_statements SET state = ${to},
        snapshot = CASE WHEN ${approve ? 1 : 0} = 1 THEN ${snapshot} ELSE snapshot END,
        total_kopecks = CASE WHEN ${approve ? 1 : 0} = 1 THEN ${total} ELSE total_kopecks END,
        dispute_comment = CASE WHEN ${action} = 'dispute' THEN ${comment} ELSE dispute_comment END,
        resolution_comment = CASE WHEN ${action} IN ('answer', 'approve') AND ${comment} IS NOT NULL THEN ${comment} ELSE resolution_comment END,
        checked_at = CASE WHEN ${action} = 'check' THEN ${ctx.now} ELSE checked_at END,
        approved_by = CASE WHEN ${approve ? 1 : 0} = 1 THEN ${caller.user.id} ELSE approved_by END,
        approved_at = CASE WHEN ${approve ? 1 : 0} = 1 THEN ${ctx.now} ELSE approved_at END,
        updated_at = ${ctx.now}
      WHERE user_id = ${userId} AND month = ${month} AND state = ${from}
      RETURNING id`),
    // Logged only when this request made the change (the row now carries its time and new state).
    ctx.db.run(sql`INSERT INTO audit_log (at, user_id, principal, action, entity, entity_id, details, request_id)
      SELECT ${ctx.now}, ${caller.user.id}, ${principalLabel(caller)}, 'change', 'salary_statement', ${`${userId}:${month}`},
        ${JSON.stringify({ action, from, to, comment, totalKopecks: step.statement?.totalKopecks ?? null })}, ${ctx.requestId}
      WHERE EXISTS (SELECT 1 FROM salary_statements WHERE user_id = ${userId} AND month = ${month} AND updated_at = ${ctx.now} AND state = ${to})`),
  ] as const;
}

/**
 * A head (or the admin) approves many statements of a month in one step: every id must be in his
 * scope (else nothing is written: 404, as for one statement); those that can be approved now are,
 * in one D1 batch, each audit-logged; those approved or exported already are left as they are (a
 * repeated request changes nothing); the others are named with the reason and left.
 */
export async function approveStatements({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { month: string; userIds: number[]; comment?: string };
}) {
  const caller = requireWriter(ctx.principal);
  if (!salaryStatementTransitions.approve.roles.includes(caller.user.role))
    throw new AppError('forbidden', { ru: 'Утверждает руководитель или администратор', en: 'Only a head or the admin approves' });
  const wanted = [...new Set(input.userIds)];
  const people = (await payPeople(ctx)).filter((p) => wanted.includes(p.id));
  // A manager who left since may still have a statement to approve: ask for him by id.
  const missing = wanted.filter((id) => !people.some((p) => p.id === id));
  for (const id of missing) people.push(await payPerson(ctx, id));
  const figures = await monthFigures(ctx, people, input.month);
  const comment = input.comment?.trim() || null;
  const approvable: MonthFigures[] = [];
  const already: number[] = [];
  const refused: { userId: number; userName: string; reason: string }[] = [];
  for (const f of figures) {
    if (f.state === 'approved' || f.state === 'exported') {
      already.push(f.person.id);
      continue;
    }
    const result = transition(f.state, 'approve', { role: caller.user.role, isOwner: caller.user.id === f.person.id }, comment);
    if (!result.ok)
      refused.push({ userId: f.person.id, userName: f.person.name, reason: ctx.lang === 'ru' ? result.reasonRu : result.reasonEn });
    else if (!f.statement) refused.push({ userId: f.person.id, userName: f.person.name, reason: problemIn(f, ctx.lang) });
    else approvable.push(f);
  }
  const results = approvable.length
    ? ((await ctx.db.batch(
        approvable.flatMap((f) =>
          moveStatement(ctx, caller, {
            userId: f.person.id,
            month: input.month,
            action: 'approve',
            from: f.state,
            to: 'approved',
            comment,
            statement: f.statement,
          }),
        ) as unknown as Parameters<typeof ctx.db.batch>[0],
      )) as unknown as unknown[])
    : [];
  const approved: number[] = [];
  approvable.forEach((f, i) => {
    const moved = results[i * 3 + 1] as { id: number }[] | undefined;
    if (moved?.length) approved.push(f.person.id);
    else refused.push({ userId: f.person.id, userName: f.person.name, reason: msg('pay.api.changed', ctx.lang) });
  });
  const totalKopecks = approvable.filter((f) => approved.includes(f.person.id)).reduce((sum, f) => sum + f.statement!.totalKopecks, 0);
  return { month: input.month, approved, already, refused, totalKopecks };
}
