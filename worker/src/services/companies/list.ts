import { and, asc, eq, gt, isNull, like, sql } from 'drizzle-orm';
import type { CompanyListQuery } from '../../../../schema/contracts';
import { companies } from '../../../../schema/db';
import { normalizeCompanyName } from '../../../../schema/domain/names';
import { companyReadScope, requireUser } from '../../access/policy';
import type { ServiceContext } from '../../lib/route';

// A subquery, not a join: D1 batches map result columns by name, and a join repeats "name".
export const companySummaryColumns = {
  id: companies.id, name: companies.name, inn: companies.inn, kpp: companies.kpp, regionId: companies.regionId,
  ownerId: companies.ownerId,
  // Qualified by hand: drizzle prints bare column names inside a select-list subquery.
  ownerName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = "companies"."owner_id")`.as('owner_name'),
  status: companies.status,
};

const DAY = 86_400_000;
/** Events that count as a touch of the client (what "days without contact" measures). */
const touchKinds = sql.raw(`('call', 'mail', 'note', 'task_done')`);
// `+e.kind` (unary plus) keeps SQLite on the company index: without statistics (D1 has none
// until ANALYZE) workerd's planner otherwise picks events(kind, …) and walks millions of rows.

/**
 * The newest touch, read backwards on events(company_id, occurred_at): it stops at the first
 * touch instead of visiting every event of the company as max() with a kind filter would.
 * Written with explicit qualifiers: drizzle prints select-list columns bare, and a bare "id"
 * inside this subquery would be events.id, silently uncorrelated.
 */
const lastTouchAt = sql<number | null>`(SELECT e.occurred_at FROM events e
  WHERE e.company_id = companies.id AND +e.kind IN ${touchKinds} ORDER BY e.occurred_at DESC LIMIT 1)`.as('last_touch_at');

/** No touch since `since` (or never): a range probe of the same index per company. */
const untouchedSince = (since: number) => sql`NOT EXISTS (SELECT 1 FROM events e
  WHERE e.company_id = companies.id AND e.occurred_at >= ${since} AND +e.kind IN ${touchKinds})`;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * Companies the caller may read, keyset-paged by id; q is a name prefix or an exact ИНН,
 * ownerId 0 is the pool (no owner), noContactDays keeps those untouched for longer than N days.
 */
export async function listCompanies({ ctx, input }: { ctx: ServiceContext; input: CompanyListQuery }) {
  requireUser(ctx.principal);
  const q = input.q?.trim();
  const byQuery = !q ? undefined : /^\d{10}(\d{2})?$/.test(q)
    ? eq(companies.inn, q)
    : like(companies.nameNormalized, `${escapeLike(normalizeCompanyName(q))}%`);
  const byOwner = input.ownerId === undefined ? undefined : input.ownerId === 0 ? isNull(companies.ownerId) : eq(companies.ownerId, input.ownerId);
  const rows = await ctx.db.select({ ...companySummaryColumns, lastTouchAt }).from(companies)
    .where(and(
      companyReadScope(ctx.principal), isNull(companies.mergedIntoId), gt(companies.id, input.after), byQuery, byOwner,
      input.regionId ? eq(companies.regionId, input.regionId) : undefined,
      input.status ? eq(companies.status, input.status) : undefined,
      input.noContactDays ? untouchedSince(ctx.now - input.noContactDays * DAY) : undefined,
    ))
    .orderBy(asc(companies.id)).limit(input.limit + 1).all();
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextAfter: more ? items[items.length - 1]!.id : null };
}
