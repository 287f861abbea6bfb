import { sql, type SQL } from 'drizzle-orm';

/**
 * The rows of the FTS5 table company_search (migration 0003): rowid = company id, the normalised
 * name, ИНН, and contact names with ё folded (unicode61 folds case but not ё). One definition,
 * used by the services after each change and by bulk loads to rebuild the index.
 */
export const COMPANY_SEARCH_SELECT = `SELECT c.id, c.name_normalized, coalesce(c.inn, ''),
  coalesce((SELECT replace(replace(group_concat(k.name, ' '), 'ё', 'е'), 'Ё', 'Е') FROM contacts k WHERE k.company_id = c.id AND k.merged_into_id IS NULL), '')
  FROM companies c WHERE c.merged_into_id IS NULL`;

/**
 * The rows of the FTS5 trigram table company_grams (migration 0016): rowid = company id, one text of
 * the normalised name, ИНН, contact names (ё folded), phone digits (E.164 without «+») and e-mails, so
 * a fragment of three or more characters anywhere in any of them is found through the index.
 */
export const COMPANY_GRAMS_SELECT = `SELECT c.id, c.name_normalized || ' ' || coalesce(c.inn, '') || ' ' ||
  coalesce((SELECT replace(replace(group_concat(k.name, ' '), 'ё', 'е'), 'Ё', 'Е') FROM contacts k WHERE k.company_id = c.id AND k.merged_into_id IS NULL), '') || ' ' ||
  coalesce((SELECT group_concat(replace(p.value, '+', ''), ' ') FROM contact_points p WHERE p.company_id = c.id), '')
  FROM companies c WHERE c.merged_into_id IS NULL`;

export const REBUILD_COMPANY_SEARCH = [
  'DELETE FROM company_search',
  `INSERT INTO company_search (rowid, name, inn, people) ${COMPANY_SEARCH_SELECT}`,
  'DELETE FROM company_grams',
  `INSERT INTO company_grams (rowid, body) ${COMPANY_GRAMS_SELECT}`,
];

/** The ids of a list, as a subquery usable in IN (…) whatever the list's length. */
export function idList(ids: number[]): SQL {
  return sql`SELECT value FROM json_each(${JSON.stringify(ids)})`;
}

/**
 * Statements that bring the search rows of the companies selected by `ids` (a subquery, e.g.
 * idList([...]) or the id just inserted in the same batch) up to date; a merged one drops out.
 */
export function refreshCompanySearch(ids: SQL): SQL[] {
  return [
    sql`DELETE FROM company_search WHERE rowid IN (${ids})`,
    sql`INSERT INTO company_search (rowid, name, inn, people) ${sql.raw(COMPANY_SEARCH_SELECT)} AND c.id IN (${ids})`,
    sql`DELETE FROM company_grams WHERE rowid IN (${ids})`,
    sql`INSERT INTO company_grams (rowid, body) ${sql.raw(COMPANY_GRAMS_SELECT)} AND c.id IN (${ids})`,
  ];
}
