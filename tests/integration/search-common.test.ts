import { REBUILD_COMPANY_SEARCH } from '../../schema/db/search';
import { SEARCH_SCAN_CAP } from '../../worker/src/clients/companies/search';
import { apiAs } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world, type UserKey } from '../helpers/world';

/**
 * The search box on a fragment as common as «трой» in a book of construction suppliers: the fixed
 * world plus 1 200 «…строй N» companies of manager B in Moscow (more hits than the search ranks in
 * one go, SEARCH_SCAN_CAP), and, written after them (so past the first hits in id order), two
 * «Тройка …» names starting with the fragment, manager A's «Кровстрой», a Primorye «Приморстрой»,
 * and manager A's Кровля А found through a contact Андрей Стройков.
 */
const BULK = 1200;
const [troikaLes, troikaServis, krovstroy, primorstroy] = [2301, 2302, 2303, 2304];
const PREFIXES = ['Агро', 'Дор', 'Мос', 'Енисей'];

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  const now = Date.UTC(2026, 10, 20, 9, 0, 0);
  const s = (sql: string, ...args: unknown[]) => w.db.prepare(sql).bind(...args);
  const company = (id: number, name: string, normalized: string, region: number, owner: number) =>
    s(
      'INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)',
      id,
      name,
      normalized,
      region,
      owner,
      'client',
      now,
      now,
    );
  // SQLite's lower() folds ASCII only: both spellings are written out.
  const prefix = (fold: (p: string) => string) => `CASE i % 4 ${PREFIXES.map((p, k) => `WHEN ${k} THEN '${fold(p)}'`).join(' ')} END`;
  await w.db.batch([
    s(
      `INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at)
       WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${BULK - 1})
       SELECT 1001 + i, 'ООО «' || ${prefix((p) => p)} || 'строй ' || (i + 1) || '»',
         ${prefix((p) => p.toLowerCase())} || 'строй ' || (i + 1), 1, ?, 'client', ?, ? FROM n`,
      world.users.managerB.id,
      now,
      now,
    ),
    company(troikaLes, 'ООО «Тройка Лес»', 'тройка лес', 1, world.users.managerB.id),
    company(troikaServis, 'ООО «Тройка Сервис»', 'тройка сервис', 1, world.users.managerB.id),
    company(krovstroy, 'ООО «Кровстрой»', 'кровстрой', 1, world.users.managerA.id),
    company(primorstroy, 'ООО «Приморстрой»', 'приморстрой', 2, world.users.managerC.id),
    s("INSERT INTO contacts (id, company_id, name, created_at) VALUES (202, ?, 'Андрей Стройков', ?)", world.companies.ofA, now),
    // Rows written behind the services' back need the search index rebuilt, as bulk loads do.
    ...REBUILD_COMPANY_SEARCH.map((q) => s(q)),
  ]);
});
afterAll(() => w?.dispose());

const search = async (who: UserKey, q: string, limit: number) => {
  const res = await apiAs(w, who).get(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`);
  expect(res.status).toBe(200);
  return res.body.items as { id: number; name: string; matchedBy: string }[];
};

test('the fixture really is past the cap: «трой» is held by more companies than one ranking reads', async () => {
  const row = await w.db.prepare('SELECT count(*) AS n FROM company_grams WHERE company_grams MATCH \'"трой"\'').first<{ n: number }>();
  expect(row!.n).toBe(BULK + 5);
  expect(BULK + 5).toBeGreaterThan(SEARCH_SCAN_CAP);
});

test('a head gets the names starting with a very common fragment first, then names holding it, at most the limit', async () => {
  const items = await search('headA', 'трой', 8);
  expect(items).toHaveLength(8);
  // Written last, past the first hits: found along the name index, by name.
  expect(items.slice(0, 2).map((c) => c.id)).toEqual([troikaLes, troikaServis]);
  for (const c of items.slice(2)) expect(c.name).toMatch(/^ООО «(Агро|Дор|Мос|Енисей|Кров)строй( \d+)?»$/);
  // The company found only through its contact ranks after every name holding the fragment.
  expect(items.map((c) => c.id)).not.toContain(world.companies.ofA);
  expect(new Set(items.map((c) => c.id)).size).toBe(8);
});

test('each rank in order, by name, however many companies hold the fragment', async () => {
  const items = await search('admin', 'трой', 50);
  expect(items).toHaveLength(50);
  expect(items.slice(0, 2).map((c) => c.name)).toEqual(['ООО «Тройка Лес»', 'ООО «Тройка Сервис»']);
  const rest = items.slice(2).map((c) => c.name.toLowerCase().replace(/ооо «|»/g, ''));
  expect(rest).toEqual([...rest].sort());
});

test('a manager whose few matches lie past the first hits still gets them all: the name holding it first, then the client found by a contact', async () => {
  expect((await search('managerA', 'трой', 8)).map((c) => [c.id, c.matchedBy])).toEqual([
    [krovstroy, 'text'],
    [world.companies.ofA, 'text'],
  ]);
});

test("a head whose region holds none of the first hits still gets the region's one match", async () => {
  expect((await search('headOther', 'трой', 8)).map((c) => c.id)).toEqual([primorstroy]);
});

test('the client list pages through every match of the common fragment, in id order, none twice', async () => {
  const seen: number[] = [];
  let after = 0;
  for (let page = 0; page < 20 && after !== null; page++) {
    const res = await apiAs(w, 'headA').get(`/api/companies?q=${encodeURIComponent('трой')}&limit=200&after=${after}`);
    expect(res.status).toBe(200);
    seen.push(...(res.body.items as { id: number }[]).map((c) => c.id));
    after = res.body.nextAfter;
  }
  expect(after).toBeNull();
  // Region 1: the bulk, the two «Тройка», «Кровстрой» and Кровля А (by its contact); not «Приморстрой».
  expect(seen).toHaveLength(BULK + 4);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen).toContain(world.companies.ofA);
  expect(seen).not.toContain(primorstroy);
});
