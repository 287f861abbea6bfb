-- Full-text search over companies: rowid = companies.id; name is the normalised name, people the
-- contact names. unicode61 folds case (Cyrillic too) but not ё, so ё is replaced by е on the way in.
-- Kept in step by the services in the batch of each change; bulk loads rebuild it with one INSERT.
CREATE VIRTUAL TABLE company_search USING fts5(name, inn, people, tokenize = 'unicode61', prefix = '2 3');
--> statement-breakpoint
INSERT INTO company_search (rowid, name, inn, people)
SELECT c.id, c.name_normalized, coalesce(c.inn, ''), coalesce((SELECT replace(replace(group_concat(k.name, ' '), 'ё', 'е'), 'Ё', 'Е') FROM contacts k WHERE k.company_id = c.id AND k.merged_into_id IS NULL), '')
FROM companies c WHERE c.merged_into_id IS NULL;
