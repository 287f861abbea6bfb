import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { userRegions, users } from '../../../../schema/db';
import { requireRole, requireWriter } from '../../access';
import { AppError, notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { principalLabel } from '../../platform/principal';

/** CASE that spreads rows over the receivers round-robin by `key % n`. */
function spread(key: SQL, receivers: number[]): SQL {
  if (receivers.length === 1) return sql`${receivers[0]}`;
  const branches = receivers.map((id, i) => sql`WHEN ${i} THEN ${id}`);
  return sql`CASE (${key} % ${receivers.length}) ${sql.join(branches, sql` `)} END`;
}

/** Who gives and who receives, checked: receivers are active managers in the caller's scope (the admin: anyone). */
async function resolveHandOver(ctx: ServiceContext, input: { fromUserId: number; toUserIds: number[] }) {
  const p = requireRole(ctx.principal, 'head', 'admin');
  const receivers = [...new Set(input.toUserIds)].filter((id) => id !== input.fromUserId);
  if (!receivers.length) {
    throw new AppError('validation_failed', undefined, [
      {
        field: 'body.toUserIds',
        message:
          ctx.lang === 'ru'
            ? 'Укажите, кому передать клиентов (не тому же менеджеру)'
            : 'Name who receives the clients (not the same manager)',
      },
    ]);
  }
  const people = await ctx.db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active, regionId: userRegions.regionId })
    .from(users)
    .leftJoin(userRegions, eq(userRegions.userId, users.id))
    .where(inArray(users.id, [input.fromUserId, ...receivers]))
    .all();
  const regionsOf = (id: number) => people.filter((r) => r.id === id && r.regionId !== null).map((r) => r.regionId!);
  const inScope = (id: number) => p.user.role === 'admin' || regionsOf(id).some((r) => p.user.regionIds.includes(r));
  if (!people.some((r) => r.id === input.fromUserId) || !inScope(input.fromUserId)) throw notFound();
  for (const id of receivers) {
    const person = people.find((r) => r.id === id);
    if (!person || person.role !== 'manager' || !person.active || !inScope(id)) {
      throw new AppError('validation_failed', undefined, [
        {
          field: 'body.toUserIds',
          message: `${ctx.lang === 'ru' ? 'Не активный менеджер вашего региона' : 'Not an active manager of your region'}: ${id}`,
        },
      ]);
    }
  }
  const nameOf = (id: number) => people.find((r) => r.id === id)?.name ?? String(id);
  const from = input.fromUserId;
  return {
    p,
    from,
    receivers,
    nameOf,
    companyKey: spread(sql`id`, receivers),
    leadKey: spread(sql`company_id`, receivers),
    book: sql`SELECT id FROM companies WHERE owner_id = ${from} AND merged_into_id IS NULL`,
  };
}

/**
 * What a hand-over would move, to whom, before it is confirmed: per receiver his clients, open leads
 * and open tasks, by the same round-robin the hand-over uses (nothing changes between the two
 * unless someone edits the book in between; the hand-over's answer says what it really moved).
 */
export async function previewHandOver({ ctx, input }: { ctx: ServiceContext; input: { fromUserId: number; toUserIds: number[] } }) {
  const { from, receivers, nameOf, companyKey, leadKey, book } = await resolveHandOver(ctx, input);
  const [companies, leads, tasks] = await ctx.db.batch([
    ctx.db.all<{ to_id: number; n: number }>(
      sql`SELECT ${companyKey} AS to_id, count(*) AS n FROM companies WHERE owner_id = ${from} AND merged_into_id IS NULL GROUP BY to_id`,
    ),
    ctx.db.all<{ to_id: number; n: number }>(
      sql`SELECT ${leadKey} AS to_id, count(*) AS n FROM leads WHERE owner_id = ${from} AND closed_at IS NULL AND company_id IN (${book}) GROUP BY to_id`,
    ),
    ctx.db.all<{ to_id: number; n: number }>(
      sql`SELECT ${leadKey} AS to_id, count(*) AS n FROM tasks WHERE user_id = ${from} AND done_at IS NULL AND company_id IN (${book}) GROUP BY to_id`,
    ),
  ]);
  const of = (rows: { to_id: number; n: number }[], id: number) => Number(rows.find((r) => Number(r.to_id) === id)?.n ?? 0);
  const sum = (rows: { n: number }[]) => rows.reduce((t, r) => t + Number(r.n), 0);
  return {
    companies: sum(companies),
    leads: sum(leads),
    tasks: sum(tasks),
    byUser: receivers.map((id) => ({
      userId: id,
      name: nameOf(id),
      companies: of(companies, id),
      leads: of(leads, id),
      tasks: of(tasks, id),
    })),
  };
}

/**
 * Hands every client of one manager to one or several others (round-robin by company id), with
 * his open leads and open tasks about them (a lead follows its company), in one batch; history stays with the clients. One audit row
 * per company moved. Heads may do it inside their regions, the admin anywhere.
 */
export async function handOverClients({ ctx, input }: { ctx: ServiceContext; input: { fromUserId: number; toUserIds: number[] } }) {
  requireWriter(ctx.principal);
  const { p, from, companyKey, leadKey, book } = await resolveHandOver(ctx, input);
  const counts = await ctx.db.get<{ companies: number; leads: number; tasks: number }>(sql`SELECT
    (SELECT count(*) FROM companies WHERE owner_id = ${from} AND merged_into_id IS NULL) AS companies,
    (SELECT count(*) FROM leads WHERE owner_id = ${from} AND closed_at IS NULL AND company_id IN (${book})) AS leads,
    (SELECT count(*) FROM tasks WHERE user_id = ${from} AND done_at IS NULL AND company_id IN (${book})) AS tasks`);
  const byUser = await ctx.db.all<{ to_id: number; n: number }>(
    sql`SELECT ${companyKey} AS to_id, count(*) AS n FROM companies WHERE owner_id = ${from} AND merged_into_id IS NULL GROUP BY to_id`,
  );
  await ctx.db.batch([
    ctx.db.run(sql`INSERT INTO audit_log (at, user_id, principal, action, entity, entity_id, details, request_id)
      SELECT ${ctx.now}, ${p.user.id}, ${principalLabel(p)}, 'hand_over', 'company', CAST(id AS TEXT),
             json_object('from', ${from}, 'to', ${companyKey}), ${ctx.requestId}
      FROM companies WHERE owner_id = ${from} AND merged_into_id IS NULL`),
    // Leads and tasks first: they find the book by its current owner, which the last statement changes.
    ctx.db.run(sql`UPDATE leads SET owner_id = ${leadKey} WHERE owner_id = ${from} AND closed_at IS NULL AND company_id IN (${book})`),
    ctx.db.run(sql`UPDATE tasks SET user_id = ${leadKey} WHERE user_id = ${from} AND done_at IS NULL AND company_id IN (${book})`),
    ctx.db.run(
      sql`UPDATE companies SET owner_id = ${companyKey}, updated_at = ${ctx.now} WHERE owner_id = ${from} AND merged_into_id IS NULL`,
    ),
  ]);
  return {
    companies: Number(counts?.companies ?? 0),
    leads: Number(counts?.leads ?? 0),
    tasks: Number(counts?.tasks ?? 0),
    byUser: Object.fromEntries(byUser.map((r) => [String(r.to_id), Number(r.n)])),
  };
}
