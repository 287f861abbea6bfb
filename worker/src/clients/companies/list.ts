import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { CompanyListQuery } from '../../../../schema/contracts';
import { companies } from '../../../../schema/db';
import { companyReadScope, requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { matchSources, onSource, searchIntent, sourceId, sourceTable } from './match';

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
 *
 * With q, each index the query uses is read in id order from the cursor and stops at the page's
 * size (one D1 batch, one statement per index); the pages are merged here. A fragment as common as
 * «ович» (34 000 companies) costs the page's 51 rows, not every hit: the old `id IN (hits)` made
 * SQLite collect and sort them all (25 ms in SQLite alone) or walk a head's region by its index.
 */
export async function listCompanies({ ctx, input }: { ctx: ServiceContext; input: CompanyListQuery }) {
  requireUser(ctx.principal);
  const q = input.q?.trim();
  const byOwner =
    input.ownerId === undefined ? undefined : input.ownerId === 0 ? isNull(companies.ownerId) : eq(companies.ownerId, input.ownerId);
  const filters = and(
    companyReadScope(ctx.principal),
    isNull(companies.mergedIntoId),
    byOwner,
    input.regionId ? eq(companies.regionId, input.regionId) : undefined,
    input.status ? eq(companies.status, input.status) : undefined,
    input.noContactDays ? untouchedSince(ctx.now - input.noContactDays * DAY) : undefined,
  );
  const columns = { ...companySummaryColumns, lastTouchAt };
  const size = input.limit + 1;
  const page = () =>
    ctx.db
      .select(columns)
      .from(companies)
      .where(and(filters, gt(companies.id, input.after)))
      .orderBy(asc(companies.id))
      .limit(size);
  let rows: Awaited<ReturnType<typeof page>>;
  if (!q) rows = await page();
  else {
    const [first, ...others] = matchSources(searchIntent(q)).map((source) =>
      ctx.db
        .select(columns)
        .from(sourceTable(source))
        .crossJoin(companies)
        .where(and(onSource, filters, gt(sourceId, input.after)))
        .orderBy(sourceId)
        .limit(size),
    );
    // Each index's page, merged: every company once, by id.
    const pages = first ? await ctx.db.batch([first, ...others]) : [];
    rows = [...new Map(pages.flat().map((r) => [r.id, r])).values()].sort((a, b) => a.id - b.id).slice(0, size);
  }
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextAfter: more ? items[items.length - 1]!.id : null };
}
