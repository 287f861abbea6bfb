-- Fragments anywhere in a word (issue 17's one search box): an FTS5 trigram index over one text per
-- company — the normalised name, ИНН, contact names (ё folded), phone digits (E.164 without «+») and
-- e-mails. rowid = companies.id. Kept in step with company_search by the same statements
-- (schema/db/search.ts refreshCompanySearch / REBUILD_COMPANY_SEARCH); the trigram tokenizer folds case.
CREATE VIRTUAL TABLE company_grams USING fts5(body, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO company_grams (rowid, body)
SELECT c.id, c.name_normalized || ' ' || coalesce(c.inn, '') || ' ' ||
  coalesce((SELECT replace(replace(group_concat(k.name, ' '), 'ё', 'е'), 'Ё', 'Е') FROM contacts k WHERE k.company_id = c.id AND k.merged_into_id IS NULL), '') || ' ' ||
  coalesce((SELECT group_concat(replace(p.value, '+', ''), ' ') FROM contact_points p WHERE p.company_id = c.id), '')
FROM companies c WHERE c.merged_into_id IS NULL;
