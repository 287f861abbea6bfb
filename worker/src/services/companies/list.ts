import { and, asc, eq, gt, isNull, like, sql } from 'drizzle-orm';
import { companies, users } from '../../../../schema/db';
import { normalizeCompanyName } from '../../../../schema/domain/names';
import { companyReadScope, requireUser } from '../../access/policy';
import type { ServiceContext } from '../../lib/route';

// A subquery, not a join: D1 batches map result columns by name, and a join repeats "name".
export const companySummaryColumns = {
  id: companies.id, name: companies.name, inn: companies.inn, kpp: companies.kpp, regionId: companies.regionId,
  ownerId: companies.ownerId,
  ownerName: sql<string | null>`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${companies.ownerId})`.as('owner_name'),
  status: companies.status,
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** Companies the caller may read, keyset-paged by id; q is a name prefix or an exact ИНН. */
export async function listCompanies({ ctx, input }: {
  ctx: ServiceContext;
  input: { q?: string | undefined; regionId?: number | undefined; ownerId?: number | undefined; limit: number; after: number };
}) {
  requireUser(ctx.principal);
  const q = input.q?.trim();
  const byQuery = !q ? undefined : /^\d{10}(\d{2})?$/.test(q)
    ? eq(companies.inn, q)
    : like(companies.nameNormalized, `${escapeLike(normalizeCompanyName(q))}%`);
  const rows = await ctx.db.select(companySummaryColumns).from(companies)
    .where(and(
      companyReadScope(ctx.principal), isNull(companies.mergedIntoId), gt(companies.id, input.after), byQuery,
      input.regionId ? eq(companies.regionId, input.regionId) : undefined,
      input.ownerId ? eq(companies.ownerId, input.ownerId) : undefined,
    ))
    .orderBy(asc(companies.id)).limit(input.limit + 1).all();
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextAfter: more ? items[items.length - 1]!.id : null };
}
