import { sql } from 'drizzle-orm';
import { requireRole, requireUser, requireWriter } from '../access';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { parseRublesToKopecks } from './calculator';
import { auditInsert } from '../audit';
import { monthRange } from './month-figures';
import { currentMonth, payPeople, payPerson } from './people';

type Metric = 'shipments' | 'payments';
const KINDS: Record<Metric, string> = { shipments: "'shipment'", payments: "'payment_bank', 'payment_cash'" };

/** Completion in basis points, rounded down like the statement's (79.999 % is not 80 %). */
const completion = (fact: number, plan: number | null) => (plan && plan > 0 ? Number((BigInt(fact) * 10_000n) / BigInt(plan)) : null);

/** Plans of the month for the managers in scope, with the fact so far on each plan's own metric. */
export async function listPlans({ ctx, input }: { ctx: ServiceContext; input: { month?: string } }) {
  requireUser(ctx.principal);
  const month = input.month ?? currentMonth(ctx.now);
  const people = await payPeople(ctx);
  const [from, to] = monthRange(month);
  const ids = JSON.stringify(people.map((p) => p.id));
  const [plans, facts] = await ctx.db.batch([
    ctx.db.all<{ user_id: number; metric: Metric; amount_kopecks: number }>(
      sql`SELECT user_id, metric, amount_kopecks FROM plans WHERE month = ${month} AND user_id IN (SELECT value FROM json_each(${ids}))`,
    ),
    ctx.db.all<{ user_id: number; shipments: number; payments: number }>(sql`SELECT user_id,
        coalesce(sum(CASE WHEN kind = 'shipment' THEN amount_kopecks END), 0) AS shipments,
        coalesce(sum(CASE WHEN kind IN (${sql.raw(KINDS.payments)}) THEN amount_kopecks END), 0) AS payments
      FROM onec_documents WHERE user_id IN (SELECT value FROM json_each(${ids})) AND kind IN ('shipment', 'payment_bank', 'payment_cash')
        AND date_local >= ${from} AND date_local < ${to} AND posted = 1 AND deletion_mark = 0 GROUP BY user_id`),
  ]);
  return {
    month,
    items: people.map((p) => {
      const plan = plans.find((r) => r.user_id === p.id);
      const metric = plan?.metric ?? 'shipments';
      const fact = facts.find((f) => f.user_id === p.id)?.[metric] ?? 0;
      return {
        userId: p.id,
        userName: p.name,
        month,
        metric,
        planKopecks: plan?.amount_kopecks ?? null,
        factKopecks: fact,
        completionBp: completion(fact, plan?.amount_kopecks ?? null),
      };
    }),
  };
}

/** Plans written in one statement however many there are (D1 counts statements per request). */
function planUpsert(
  ctx: ServiceContext,
  plans: { userId: number; month: string; amountKopecks: number; metric: Metric }[],
  byUserId: number,
) {
  return ctx.db.run(sql`INSERT INTO plans (user_id, month, metric, amount_kopecks, updated_by, updated_at)
    SELECT json_extract(value, '$.userId'), json_extract(value, '$.month'), json_extract(value, '$.metric'), json_extract(value, '$.amountKopecks'), ${byUserId}, ${ctx.now}
    FROM json_each(${JSON.stringify(plans)}) WHERE true
    ON CONFLICT (user_id, month) DO UPDATE SET metric = excluded.metric, amount_kopecks = excluded.amount_kopecks,
      updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
}

/** A head (for his regions' managers) or the admin sets a manager's plan for a month. */
export async function setPlan({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { userId: number; month: string; amountKopecks: number; metric: Metric };
}) {
  const caller = requireRole(requireWriter(ctx.principal), 'head', 'admin');
  const person = await payPerson(ctx, input.userId);
  const frozen = await ctx.db.get<{ state: string } | undefined>(
    sql`SELECT state FROM salary_statements WHERE user_id = ${person.id} AND month = ${input.month} AND state IN ('approved', 'exported')`,
  );
  if (frozen)
    throw new AppError('conflict', {
      ru: `Расчёт зарплаты за ${input.month} уже утверждён: план этого месяца не меняется`,
      en: `The statement for ${input.month} is approved; its plan is frozen`,
    });
  await ctx.db.batch([
    planUpsert(ctx, [{ userId: person.id, month: input.month, amountKopecks: input.amountKopecks, metric: input.metric }], caller.user.id),
    auditInsert(ctx, {
      action: 'change',
      entity: 'plan',
      entityId: `${person.id}:${input.month}`,
      details: { amountKopecks: input.amountKopecks, metric: input.metric },
    }),
  ]);
  return (await listPlans({ ctx, input: { month: input.month } })).items.find((i) => i.userId === person.id)!;
}

const METRICS: Record<string, Metric> = {
  shipments: 'shipments',
  payments: 'payments',
  отгрузки: 'shipments',
  оплаты: 'payments',
  '': 'shipments',
};

/** "2026-11", "11.2026", "11/2026" → "2026-11". */
function readMonth(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(t);
  const ru = /^(\d{1,2})[./](\d{4})$/.exec(t);
  const [y, m] = iso ? [iso[1]!, iso[2]!] : ru ? [ru[2]!, ru[1]!] : [null, null];
  if (!y || !m || Number(m) < 1 || Number(m) > 12) return null;
  return `${y}-${m.padStart(2, '0')}`;
}

/**
 * Plans from a file the plans page read (e-mail, month, amount in roubles, optional metric). Every
 * row is answered with its outcome; the valid ones are saved together in one batch, the invalid
 * ones name their problem in Russian and change nothing.
 */
export async function importPlans({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { rows: { email: string; month: string; amount: string | number; metric?: string }[] };
}) {
  const caller = requireRole(requireWriter(ctx.principal), 'head', 'admin');
  const people = await ctx.db.all<{ id: number; email: string }>(sql`SELECT id, lower(email) AS email FROM users
    WHERE role = 'manager' AND id IN (SELECT value FROM json_each(${JSON.stringify((await payPeople(ctx)).map((p) => p.id))}))`);
  const byEmail = new Map(people.map((p) => [p.email, p.id]));
  const frozen = new Set(
    (
      await ctx.db.all<{ k: string }>(
        sql`SELECT user_id || ':' || month AS k FROM salary_statements WHERE state IN ('approved', 'exported')`,
      )
    ).map((r) => r.k),
  );
  const seen = new Set<string>();
  const rows = input.rows.map((r, i) => {
    const line = i + 1;
    const email = r.email.trim().toLowerCase();
    const month = readMonth(r.month);
    const amountKopecks = parseRublesToKopecks(r.amount);
    const metric = METRICS[(r.metric ?? '').trim().toLowerCase()];
    const userId = byEmail.get(email);
    const error = !email
      ? 'нет e-mail менеджера'
      : userId === undefined
        ? `нет менеджера ${email} среди ваших`
        : !month
          ? `месяц «${r.month}» — ожидается ГГГГ-ММ или ММ.ГГГГ`
          : amountKopecks === null
            ? `сумма «${r.amount}» — ожидается число рублей, например 1 500 000,00`
            : !metric
              ? `показатель «${r.metric}» — «отгрузки» или «оплаты»`
              : frozen.has(`${userId}:${month}`)
                ? `расчёт за ${month} уже утверждён, план не меняется`
                : seen.has(`${userId}:${month}`)
                  ? `${email} за ${month} уже есть выше в файле`
                  : null;
    if (!error) seen.add(`${userId}:${month}`);
    return { line, email: email || null, month, amountKopecks, metric: metric ?? null, userId: userId ?? null, ok: !error, error };
  });
  const valid = rows.filter((r) => r.ok);
  if (valid.length) {
    await ctx.db.batch([
      planUpsert(
        ctx,
        valid.map((r) => ({ userId: r.userId!, month: r.month!, amountKopecks: r.amountKopecks!, metric: r.metric! })),
        caller.user.id,
      ),
      auditInsert(ctx, {
        action: 'change',
        entity: 'plan',
        entityId: 'import',
        details: { imported: valid.length, refused: rows.length - valid.length },
      }),
    ]);
  }
  return {
    saved: valid.length,
    rows: rows.map(({ line, email, month, amountKopecks, ok, error }) => ({ line, email, month, amountKopecks, ok, error })),
  };
}
