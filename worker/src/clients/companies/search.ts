import { and, isNull, sql, type SQL } from 'drizzle-orm';
import { companies } from '../../../../schema/db';
import { normalizeCompanyName } from '../../../../schema/domain/names';
import { companyReadScope, requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import type { SearchResult } from '../../../../schema/contracts';
import type { z } from 'zod';
import { companyMatch, firstOf, matchSources, nameStartsWith, onSource, searchIntent, sourceKey, type SearchIntent } from './match';

type MatchedBy = 'inn' | 'phone' | 'email' | 'text';
type SearchHit = z.output<typeof SearchResult>['items'][number];

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
 * Hits of one index ranked per query: a fragment as common as «ович» (34 000 companies) or «yandex»
 * (15 000) is ranked from its first hits in id order, not all of them.
 */
export const SEARCH_SCAN_CAP = 1000;

type Hit = SearchHit & { nameNormalized: string; rank: number };
const byRankAndName = (a: Hit, b: Hit) =>
  a.rank - b.rank || (a.nameNormalized < b.nameNormalized ? -1 : a.nameNormalized > b.nameNormalized ? 1 : a.id - b.id);

/** Rows in the order given, each company once, the first `n`, as the contract has them. */
function firstDistinct(ranked: Hit[], n: number): SearchHit[] {
  const seen = new Set<number>();
  return ranked
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .slice(0, n)
    .map((r) => ({
      id: r.id,
      name: r.name,
      inn: r.inn,
      kpp: r.kpp,
      regionId: r.regionId,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      status: r.status,
      matchedBy: r.matchedBy,
    }));
}

/**
 * One box for everything: an ИНН or a part of it, a phone in any format or a part of its digits, an
 * e-mail or a part of it, words or fragments of a company's or a contact's name (case and ё
 * ignored). Results are scoped like every read; the list page (/app/clients?q=) uses the same match.
 *
 * Order: names starting with the (first) word, then names holding it elsewhere, then the rest (found
 * by a contact, a phone, an e-mail, an ИНН fragment), each by name; an identifier's few companies by
 * name. One statement: names starting with the word are read along the name index (the first
 * `limit` by name, however common the word); each index the query uses is read once, its first
 * SEARCH_SCAN_CAP hits in id order, ranked in SQL (the first `limit` of each rank by name). So for a
 * fragment held by more companies than that, ranks 1 and 2 are by name among the first hits found.
 * A second statement only when such a cut list may hide better rows: fewer than `limit` rows (every
 * hit is ranked), or for a manager fewer than `limit` names holding the word (ranked from his scope).
 */
export async function searchCompanies({ ctx, input }: { ctx: ServiceContext; input: { q: string; limit: number } }) {
  const p = requireUser(ctx.principal);
  const n = input.limit;
  const intent = searchIntent(input.q);
  const sources = matchSources(intent);
  if (!sources.length) return { items: [] };
  const first = intent.kind === 'text' ? intent.first : null;
  const at = sql`instr(${companies.nameNormalized}, ${first ?? ''})`;
  const rank = first ? sql<number>`CASE WHEN ${at} = 1 THEN 0 WHEN ${at} > 1 THEN 1 ELSE 2 END` : sql<number>`0`;
  const scope = and(companyReadScope(p), isNull(companies.mergedIntoId));
  const keys = sql`${companies.id} AS id, ${companies.nameNormalized} AS k, ${rank} AS rank`;
  /**
   * How the hits meet the scope: `capped` — the first SEARCH_SCAN_CAP + 1 hits of each index in id
   * order, each looked up by primary key (a head's or the admin's scope holds a third of the
   * companies or all of them, so these hold plenty of every rank); `all` — every hit so; `scope` —
   * the caller's companies walked by their own index, each looked up among all the hits (+id: not
   * the other way round); `names` — the caller's companies whose name holds the one word typed
   * (which makes them hits: the name is in the trigram index), read from the companies alone: a
   * manager's ~2 000 names cost less than the 34 000 hits of «ович».
   */
  type Mode = 'capped' | 'all' | 'scope' | 'names';
  const inScope = (mode: Mode) =>
    mode === 'scope'
      ? sql`SELECT ${keys} FROM ${companies} WHERE ${and(scope, sql`+${companies.id} IN (SELECT id FROM hit)`)}`
      : mode === 'names'
        ? sql`SELECT ${keys} FROM ${companies} WHERE ${and(scope, sql`${at} > 0`)}`
        : sql`SELECT ${keys} FROM hit AS m CROSS JOIN ${companies} WHERE ${and(onSource, scope)}`;
  // One word: a name starting with it matches it; more words must all match too.
  const more = first && normalizeCompanyName(input.q).includes(' ') ? companyMatch(intent) : undefined;
  const starts = first
    ? sql`SELECT m.id FROM (${nameStartsWith(first)}) AS m CROSS JOIN ${companies} WHERE ${and(onSource, scope, more)} ORDER BY ${sourceKey} LIMIT ${n}`
    : sql`SELECT NULL AS id WHERE 0`;
  /**
   * One statement: each index's hits (the first cap+1 in id order, or all), the first n of each rank
   * by name ranked on narrow rows, the first n names starting with the word along the name index,
   * then only those read in full; `capped` says whether a cap cut an index's hits.
   */
  const query = (mode: Mode) => {
    const of = (s: SQL) => (mode === 'capped' || mode === 'names' ? firstOf(s, SEARCH_SCAN_CAP + 1) : s);
    const parts = sources.map((s, i) => sql`${sql.raw(`h${i}`)} AS MATERIALIZED (${of(s)})`);
    const all = sql.join(
      sources.map((_, i) => sql.raw(`SELECT id FROM h${i}`)),
      sql` UNION `,
    );
    const counts = sql.join(
      sources.map((_, i) => sql.raw(`(SELECT count(*) FROM h${i})`)),
      sql`, `,
    );
    return ctx.db.all<Hit & { capped: number }>(
      sql`WITH ${sql.join(parts, sql`, `)},
        hit AS (${all}),
        r AS (${inScope(mode)}),
        m AS (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY rank ORDER BY k) AS i FROM r) WHERE i <= ${n}
          UNION SELECT id FROM (${starts})),
        total AS (SELECT max(${counts}, 0) > ${SEARCH_SCAN_CAP} AS capped)
        SELECT ${companies.id} AS id, ${companies.name} AS name, ${companies.inn} AS inn, ${companies.kpp} AS kpp,
          ${companies.regionId} AS regionId, ${companies.ownerId} AS ownerId,
          (SELECT u.name FROM users u WHERE u.id = ${companies.ownerId}) AS ownerName, ${companies.status} AS status,
          ${matchedBy(intent)} AS matchedBy, ${companies.nameNormalized} AS nameNormalized, ${rank} AS rank, total.capped AS capped
        FROM total LEFT JOIN m ON 1 LEFT JOIN ${companies} ON ${onSource}`,
    );
  };
  // No company at all still answers one row (total), so a cut list is seen even when nothing is in scope.
  const answer = await query('capped');
  let rows = answer.filter((r) => r.id !== null);
  // A cut list short of n rows: every hit is ranked. A manager's with fewer than n names holding the
  // word (more of them may lie past the first hits): his own names holding it, when one word was typed.
  const manager = p.user.role === 'manager';
  const named = rows.filter((r) => Number(r.rank) <= 1).length;
  if (Number(answer[0]?.capped) === 1) {
    const found = async (mode: Mode) => (await query(mode)).filter((r) => r.id !== null);
    if (rows.length < n || (manager && named < n && more)) rows = await found(manager ? 'scope' : 'all');
    // A name holding a word of three or more characters holds its trigrams: it is a hit.
    else if (manager && named < n && first && intent.kind === 'text' && intent.grams) rows = [...rows, ...(await found('names'))];
    else if (manager && named < n) rows = await found('scope');
  }
  return { items: firstDistinct(rows.sort(byRankAndName), n) };
}
