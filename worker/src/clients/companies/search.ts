import { and, asc, isNull, sql } from 'drizzle-orm';
import { companies } from '../../../../schema/db';
import { companyReadScope, requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { companySummaryColumns } from './list';
import { companyMatch, matchRank, searchIntent, type SearchIntent } from './match';

type MatchedBy = 'inn' | 'phone' | 'email' | 'text';

/** What a hit was found by: the identifier typed, or for free text an ИНН or phone fragment, else its name or contact. */
function matchedBy(intent: SearchIntent) {
  if (intent.kind === 'inn' && intent.orPhone)
    return sql<MatchedBy>`CASE WHEN ${companies.inn} = ${intent.inn} THEN 'inn' ELSE 'phone' END`;
  if (intent.kind !== 'text') return sql<MatchedBy>`${intent.kind}`;
  if (!intent.digits) return sql<MatchedBy>`'text'`;
  const phone = sql`EXISTS (SELECT 1 FROM contact_points p WHERE p.company_id = ${companies.id} AND p.kind = 'phone' AND instr(p.value, ${intent.digits.length >= 7 ? intent.digits.replace(/^8/, '7') : intent.digits}) > 0)`;
  return sql<MatchedBy>`CASE WHEN instr(coalesce(${companies.inn}, ''), ${intent.digits}) > 0 THEN 'inn' WHEN ${phone} THEN 'phone' ELSE 'text' END`;
}

/**
 * One box for everything: an ИНН or a part of it, a phone in any format or a part of its digits, an
 * e-mail or a part of it, words or fragments of a company's or a contact's name (case and ё
 * ignored). Results are scoped like every read; the list page (/app/clients?q=) uses the same match.
 */
export async function searchCompanies({ ctx, input }: { ctx: ServiceContext; input: { q: string; limit: number } }) {
  const p = requireUser(ctx.principal);
  const intent = searchIntent(input.q);
  const rows = await ctx.db
    .select({ ...companySummaryColumns, matchedBy: matchedBy(intent).as('matched_by') })
    .from(companies)
    .where(and(companyReadScope(p), isNull(companies.mergedIntoId), companyMatch(intent)))
    .orderBy(...[matchRank(intent), asc(companies.nameNormalized)].filter((o) => o !== undefined))
    .limit(input.limit)
    .all();
  return { items: rows };
}
