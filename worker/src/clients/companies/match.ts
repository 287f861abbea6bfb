import { and, eq, sql, type SQL } from 'drizzle-orm';
import { companies, contactPoints } from '../../../../schema/db';
import { normalizeEmail, normalizePhone } from '../../../../schema/domain/contact-points';
import { innInQuery } from '../../../../schema/domain/inn';
import { normalizeCompanyName } from '../../../../schema/domain/names';
import { startsWith } from '../../platform/text-match';

/**
 * What a typed query means, decided once for the header box, /api/search and /app/clients?q=:
 * an exact ИНН, e-mail or phone (any format, «доб.» too) is an identifier and matches only itself;
 * anything else matches word starts through the FTS index company_search (company name, ИНН, contact
 * names) and fragments of three or more characters anywhere through the trigram index company_grams
 * (name, ИНН, contact names, phone digits, e-mails; schema/db/search.ts). Both are MATCH queries:
 * no LIKE, so D1's 50-byte limit on LIKE patterns never applies, and no scan of the tables.
 */
export type SearchIntent =
  | { kind: 'inn'; inn: string; orPhone?: string }
  | { kind: 'email'; email: string }
  | { kind: 'phone'; e164: string }
  | { kind: 'text'; fts: string | null; grams: string | null; first: string | null; digits: string | null };

/** Trigrams: a fragment needs three characters (shorter words still match as word starts). */
export const MIN_FRAGMENT = 3;
const MIN_DIGITS = 4;

/** FTS5 query: every word as a quoted prefix, ё folded and a legal form dropped like the index; null when nothing is left. */
export function ftsQuery(q: string): string | null {
  const words = (normalizeCompanyName(q) || q)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

const phrase = (w: string) => `"${w.replace(/"/g, '""')}"`;

/**
 * Trigram query: every whitespace-separated word (as names are stored: lower case, ё folded, the
 * legal form and quotes gone) must occur somewhere; digits-only input is one run of digits, a
 * number typed from 8 also tried from 7. Null when a word is shorter than a trigram.
 */
export function gramsQuery(q: string): { query: string; digits: string | null } | null {
  const onlyDigits = /^[\d\s()+\-.]+$/.test(q) ? q.replace(/\D/g, '') : '';
  if (onlyDigits) {
    if (onlyDigits.length < MIN_DIGITS) return null;
    const tails = onlyDigits.length >= 7 && onlyDigits.startsWith('8') ? [onlyDigits, `7${onlyDigits.slice(1)}`] : [onlyDigits];
    return { query: tails.map(phrase).join(' OR '), digits: onlyDigits };
  }
  const words = normalizeCompanyName(q).split(' ').filter(Boolean);
  if (!words.length || words.some((w) => Array.from(w).length < MIN_FRAGMENT)) return null;
  return { query: words.map(phrase).join(' '), digits: null };
}

export function searchIntent(raw: string): SearchIntent {
  const q = raw.trim();
  const inn = innInQuery(q);
  if (inn) {
    // Ten bare digits are an organisation's ИНН or a phone without its 8 (4951234567): both are tried.
    const phone = /^\d{10}$/.test(inn) ? normalizePhone(inn) : null;
    return phone ? { kind: 'inn', inn, orPhone: phone.e164 } : { kind: 'inn', inn };
  }
  const email = q.includes('@') ? normalizeEmail(q) : null;
  if (email) return { kind: 'email', email };
  // Whatever holds ten digits may be a phone as pasted ("Тел.: +7 (495) 123-45-67 доб. 204"); normalizePhone decides.
  const phone = /(?:\d\D{0,3}){10}/u.test(q) ? normalizePhone(q) : null;
  if (phone) return { kind: 'phone', e164: phone.e164 };
  const grams = gramsQuery(q);
  return {
    kind: 'text',
    fts: ftsQuery(q),
    grams: grams?.query ?? null,
    first: normalizeCompanyName(q).split(' ')[0] || null,
    digits: grams?.digits ?? null,
  };
}

/** Companies holding this exact phone or e-mail (the unique index on contact points). */
const withPoint = (kind: 'phone' | 'email', value: string) =>
  sql`SELECT ${sql.raw(contactPoints.companyId.name)} AS id FROM ${contactPoints} WHERE ${and(eq(contactPoints.kind, kind), eq(contactPoints.value, value))}`;

/**
 * Where a query's companies come from: one SELECT of ids (column `id`) per index — the ИНН index,
 * the contact-point index, the word-start FTS table company_search, the trigram table company_grams.
 * Several may hold the same id. None: nothing can match. The FTS ones are read lazily in rowid order
 * (FTS5 consumes `ORDER BY rowid`), so a caller that wants the first N in id order stops after N
 * hits in scope instead of collecting every hit of a common fragment (`sourceTable`).
 */
export function matchSources(intent: SearchIntent): SQL[] {
  switch (intent.kind) {
    case 'inn': {
      const byInn = sql`SELECT ${sql.raw(companies.id.name)} AS id FROM ${companies} WHERE ${eq(companies.inn, intent.inn)}`;
      return intent.orPhone ? [byInn, withPoint('phone', intent.orPhone)] : [byInn];
    }
    case 'email':
      return [withPoint('email', intent.email)];
    case 'phone':
      return [withPoint('phone', intent.e164)];
    case 'text': {
      const sources: SQL[] = [];
      if (intent.fts) sources.push(sql`SELECT rowid AS id FROM company_search WHERE company_search MATCH ${intent.fts}`);
      if (intent.grams) sources.push(sql`SELECT rowid AS id FROM company_grams WHERE company_grams MATCH ${intent.grams}`);
      return sources;
    }
  }
}

/** The condition on `companies` for a query (scope is the caller's to add): ids from the indexes only. */
export function companyMatch(intent: SearchIntent): SQL {
  const sources = matchSources(intent);
  return sources.length ? sql`${companies.id} IN (${sql.join(sources, sql` UNION `)})` : sql`1 = 0`;
}

/**
 * A source as the outer loop, each id found in companies by primary key: `.from(sourceTable(s))
 * .crossJoin(companies)` with `onSource` in the WHERE. CROSS JOIN fixes that order (SQLite would
 * otherwise walk a head's 17 000 companies by the region index and test each against the whole list
 * of hits). Ordered by `sourceId` with a LIMIT, an FTS source is read lazily and stops early.
 */
export const sourceTable = (source: SQL) => sql`(${source}) AS m`;
export const sourceId = sql<number>`m.id`;
export const onSource = eq(companies.id, sourceId);

/**
 * Companies whose normalised name starts with `prefix`, as a source ordered by `sourceKey` (the name):
 * read along companies_name_idx, so the first N by name cost N rows (INDEXED BY: without statistics
 * SQLite prefers a head's region index and sorts the whole region).
 */
export const nameStartsWith = (prefix: string) =>
  sql`SELECT id, name_normalized AS k FROM ${companies} INDEXED BY companies_name_idx WHERE ${startsWith(sql.raw('name_normalized'), prefix)}`;
export const sourceKey = sql<string>`m.k`;

/** At most the first `cap` ids of a source, in id order. */
export const firstOf = (source: SQL, cap: number) => sql`SELECT id FROM (${source} ORDER BY id LIMIT ${cap})`;
