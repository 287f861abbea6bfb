import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Text matching on outside input without LIKE: D1 refuses a LIKE or GLOB pattern longer than 50
 * bytes ("LIKE or GLOB pattern too complex"), which is 25 Cyrillic letters or a long corporate
 * domain. These compare with = and ranges instead, so any input length gets an answer.
 */

// The largest code point: in UTF-8 (SQLite's BINARY order is memcmp) no character sorts after it.
const TOP = '\u{10FFFF}';

/**
 * `column` starts with `prefix` (case as stored): a range on the column, so an index on it is
 * used. An empty prefix matches everything.
 */
export function startsWith(column: SQLWrapper, prefix: string): SQL {
  if (!prefix) return sql`1 = 1`;
  return sql`(${column} >= ${prefix} AND ${column} < ${prefix + TOP})`;
}

/** `column` ends with `suffix` (case as stored); an empty suffix matches nothing. */
export function endsWith(column: SQLWrapper, suffix: string): SQL {
  if (!suffix) return sql`1 = 0`;
  return sql`substr(${column}, -length(${suffix})) = ${suffix}`;
}
