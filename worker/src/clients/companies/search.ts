import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { companies, contactPoints } from '../../../../schema/db';
import { normalizeEmail, normalizePhone } from '../../../../schema/domain/contact-points';
import { innInQuery } from '../../../../schema/domain/inn';
import { companyReadScope, requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { companySummaryColumns } from './list';

/** The FTS5 table of migration 0003 as drizzle sees it; not exported to drizzle-kit (it cannot make FTS). */
const companySearch = sqliteTable('company_search', { rowid: integer('rowid'), name: text('name'), rank: integer('rank') });

type MatchedBy = 'inn' | 'phone' | 'email' | 'text';

/** FTS5 query: every word as a quoted prefix, ё folded like the index; null when nothing is left. */
export function ftsQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/**
 * One box for everything: an ИНН, a phone in any format, an e-mail, or words of a company or
 * contact name (prefixes, case and ё ignored). Results are scoped like every read.
 */
export async function searchCompanies({ ctx, input }: { ctx: ServiceContext; input: { q: string; limit: number } }) {
  const p = requireUser(ctx.principal);
  const q = input.q.trim();
  const scope = and(companyReadScope(p), isNull(companies.mergedIntoId));
  const columns = { ...companySummaryColumns };
  const tag =
    (matchedBy: MatchedBy) =>
    <T extends object>(rows: T[]) =>
      rows.map((r) => ({ ...r, matchedBy }));

  const inn = innInQuery(q);
  if (inn) {
    return {
      items: tag('inn')(
        await ctx.db
          .select(columns)
          .from(companies)
          .where(and(scope, eq(companies.inn, inn)))
          .limit(input.limit)
          .all(),
      ),
    };
  }
  const email = q.includes('@') ? normalizeEmail(q) : null;
  // Whatever holds ten digits may be a phone as pasted ("Тел.: +7 (495) 123-45-67 доб. 204"); normalizePhone decides.
  const phone = !email && /(?:\d\D{0,3}){10}/u.test(q) ? normalizePhone(q) : null;
  if (email || phone) {
    const point = email
      ? and(eq(contactPoints.kind, 'email'), eq(contactPoints.value, email))
      : and(eq(contactPoints.kind, 'phone'), eq(contactPoints.value, phone!.e164));
    const rows = await ctx.db
      .select(columns)
      .from(companies)
      .where(and(scope, inArray(companies.id, ctx.db.select({ id: contactPoints.companyId }).from(contactPoints).where(point))))
      .limit(input.limit)
      .all();
    return { items: tag(email ? 'email' : 'phone')(rows) };
  }
  const match = ftsQuery(q);
  if (!match) return { items: [] };
  const rows = await ctx.db
    .select(columns)
    .from(companySearch)
    .innerJoin(companies, eq(companies.id, companySearch.rowid))
    .where(and(sql`company_search MATCH ${match}`, scope))
    .orderBy(sql`company_search.rank`)
    .limit(input.limit)
    .all();
  return { items: tag('text')(rows) };
}
