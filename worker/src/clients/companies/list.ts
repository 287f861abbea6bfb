import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { CompanyListQuery } from '../../../../schema/contracts';
import { companies } from '../../../../schema/db';
import { companyReadScope, requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { companyMatch, searchIntent } from './match';

// A subquery, not a join: D1 batches map result columns by name, and a join repeats "name".
export const companySummaryColumns = {
  id: companies.id,
  name: companies.name,
  inn: companies.inn,
  kpp: companies.kpp,
  regionId: companies.regionId,
  ownerId: companies.ownerId,
  // Qualified by hand: drizzle prints bare column names inside a select-list subquery.
  ownerName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = "companies"."owner_id")`.as('owner_name'),
  status: companies.status,
};

const DAY = 86_400_000;

/**
 * The newest touch (call, mail, note, done task) is kept on the company by triggers on events
 * (schema/rollups): reading it is a column, and "no contact for N days" a comparison on it.
 */
const lastTouchAt = sql<number | null>`${companies.lastTouchAt}`.as('last_touch_at');
const untouchedSince = (since: number) => sql`coalesce(${companies.lastTouchAt}, 0) < ${since}`;

/**
 * Companies the caller may read, keyset-paged by id; q matches as in the search box (./match.ts:
 * an ИНН, phone or e-mail, word starts and fragments of company and contact names),
 * ownerId 0 is the pool (no owner), noContactDays keeps those untouched for longer than N days.
 */
export async function listCompanies({ ctx, input }: { ctx: ServiceContext; input: CompanyListQuery }) {
  requireUser(ctx.principal);
  const q = input.q?.trim();
  const byQuery = q ? companyMatch(searchIntent(q)) : undefined;
  const byOwner =
    input.ownerId === undefined ? undefined : input.ownerId === 0 ? isNull(companies.ownerId) : eq(companies.ownerId, input.ownerId);
  const rows = await ctx.db
    .select({ ...companySummaryColumns, lastTouchAt })
    .from(companies)
    .where(
      and(
        companyReadScope(ctx.principal),
        isNull(companies.mergedIntoId),
        gt(companies.id, input.after),
        byQuery,
        byOwner,
        input.regionId ? eq(companies.regionId, input.regionId) : undefined,
        input.status ? eq(companies.status, input.status) : undefined,
        input.noContactDays ? untouchedSince(ctx.now - input.noContactDays * DAY) : undefined,
      ),
    )
    .orderBy(asc(companies.id))
    .limit(input.limit + 1)
    .all();
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextAfter: more ? items[items.length - 1]!.id : null };
}
