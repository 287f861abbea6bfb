import Database from 'better-sqlite3';
import { completeInn } from '../../schema/domain/inn';
import { readMigrations } from '../../scripts/lib/migrations';
import { apiAs, count } from '../helpers/api';
import { loadOnecFixture, runCron, startOnecServer, type OnecServer } from '../helpers/onec-server';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world, type UserKey } from '../helpers/world';

/**
 * The database, not a read before the write, keeps clients unique: twenty managers sending the same
 * client at the same moment leave one row, and the nineteen others get the usual 409 naming it.
 * The requests are real parallel requests to workerd on one local D1 (Promise.all of 20 fetches).
 */
let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const PARALLEL = 20;
const ROUNDS = 5;
// Everyone who may create a client in Moscow: managers A and B, the head of Moscow and the admin.
const WRITERS: UserKey[] = ['managerA', 'managerB', 'headA', 'admin'];

/** Twenty signed-in sessions (five of each writer), signed in before the race starts. */
async function sessions(n = PARALLEL) {
  const list = Array.from({ length: n }, (_, i) => ({ who: WRITERS[i % WRITERS.length]!, api: apiAs(w, WRITERS[i % WRITERS.length]!) }));
  for (const s of list) await s.api.get('/api/me');
  return list;
}

type Answer = { status: number; body: any };
const statuses = (answers: Answer[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

/** One 201, nineteen 409s naming the winner by `by` and `value` (its id to whoever may open it). */
function expectOneWinner(answers: Answer[], by: string, value: string, winnerId: number, ownerName: string | null) {
  expect(statuses(answers)).toEqual({ 201: 1, 409: PARALLEL - 1 });
  for (const a of answers.filter((x) => x.status === 409)) {
    expect(a.body.error.code).toBe('conflict');
    const named = (a.body.error.details.collisions as { by: string; value: string; companyId?: number; ownerName: string | null }[]).find(
      (c) => c.by === by && c.value === value,
    );
    expect(named).toMatchObject({ by, value, exists: true, ownerName, regionName: 'Москва' });
    if (named!.companyId !== undefined) expect(named!.companyId).toBe(winnerId);
    expect(a.body.error.message).toContain(value);
  }
}

async function ownerNameOf(companyId: number): Promise<string | null> {
  const row = await w.db
    .prepare('SELECT u.name FROM companies c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id = ?')
    .bind(companyId)
    .first<{ name: string | null }>();
  return row!.name;
}

describe('twenty managers create the same client at the same moment', () => {
  test.each(
    Array.from({ length: ROUNDS }, (_, round) => {
      // Rounds alternate an organisation (ИНН + КПП) and a sole trader (12-digit ИНН, no КПП: null is one value).
      const person = round % 2 === 1;
      return { round, person, inn: person ? completeInn(`77010${round}4321`) : completeInn(`77090${round}123`) };
    }),
  )('round $round (same ИНН $inn): one company, nineteen 409s naming it', async ({ round, person, inn }) => {
    const who = await sessions();
    const answers = await Promise.all(
      who.map(({ api }, i) =>
        api.post('/api/companies', {
          name: `ООО «Гонка ${round}-${i}»`,
          inn,
          ...(person ? {} : { kpp: '770901001' }),
          regionId: world.regions.msk,
        }),
      ),
    );
    const winner = answers.find((a) => a.status === 201);
    expect(await count(w, 'SELECT count(*) AS n FROM companies WHERE inn = ?', inn)).toBe(1);
    expect(winner).toBeDefined();
    expectOneWinner(answers, 'inn', inn, winner!.body.company.id, await ownerNameOf(winner!.body.company.id));
  });

  test.each(Array.from({ length: ROUNDS }, (_, round) => ({ round, kind: round % 2 ? 'phone' : 'email' })))(
    'round $round (the same $kind on twenty new companies): one holder, nineteen 409s naming it',
    async ({ round, kind }) => {
      const value = kind === 'email' ? `zakupki${round}@gonka.ru` : `+7495777010${round}`;
      const who = await sessions();
      const answers = await Promise.all(
        who.map(({ api }, i) =>
          api.post('/api/companies', {
            name: `ООО «Контакт ${round}-${i}»`,
            regionId: world.regions.msk,
            contacts: [
              { name: `Снабженец ${i}`, phones: kind === 'phone' ? [value] : [], emails: kind === 'email' ? [value.toUpperCase()] : [] },
            ],
          }),
        ),
      );
      expect(await count(w, 'SELECT count(*) AS n FROM contact_points WHERE kind = ? AND value = ?', kind, value)).toBe(1);
      // The losers' batches left nothing behind: no company without its contact.
      expect(await count(w, 'SELECT count(*) AS n FROM companies WHERE name LIKE ?', `ООО «Контакт ${round}-%`)).toBe(1);
      const winner = answers.find((a) => a.status === 201);
      expect(winner).toBeDefined();
      expectOneWinner(answers, kind, value, winner!.body.company.id, await ownerNameOf(winner!.body.company.id));
    },
  );
});

describe('twenty edits give twenty companies the same ИНН at once', () => {
  test('one edit wins, nineteen get a 409 naming the winner', async () => {
    const inn = completeInn('770955512');
    const who = await sessions();
    // Each writer edits a company of his own (a manager may edit only his clients; a head or the admin a pool one).
    const made: number[] = [];
    for (const [i, { api }] of who.entries()) {
      const res = await api.post('/api/companies', { name: `ООО «Правка ${i}»`, regionId: world.regions.msk });
      expect(res.status).toBe(201);
      made.push(res.body.company.id);
    }
    const answers = await Promise.all(who.map(({ api }, i) => api.patch(`/api/companies/${made[i]}`, { inn, kpp: '770901001' })));
    expect(statuses(answers)).toEqual({ 200: 1, 409: PARALLEL - 1 });
    expect(await count(w, 'SELECT count(*) AS n FROM companies WHERE inn = ?', inn)).toBe(1);
    const winnerId = made[answers.findIndex((a) => a.status === 200)]!;
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.error.details.collisions).toEqual([
        expect.objectContaining({ by: 'inn', value: inn, ownerName: await ownerNameOf(winnerId), regionName: 'Москва' }),
      ]);
    }
  });
});

describe('twenty new contacts with the same e-mail added to twenty companies at once', () => {
  test('one is added, nineteen get a 409 naming its company', async () => {
    const email = 'glavbuh@odin-adres.ru';
    const who = await sessions();
    const made: number[] = [];
    for (const [i, { api }] of who.entries()) {
      const res = await api.post('/api/companies', { name: `ООО «Адресат ${i}»`, regionId: world.regions.msk });
      made.push(res.body.company.id);
    }
    const answers = await Promise.all(
      who.map(({ api }, i) => api.post(`/api/companies/${made[i]}/contacts`, { name: `Бухгалтер ${i}`, phones: [], emails: [email] })),
    );
    expect(statuses(answers)).toEqual({ 201: 1, 409: PARALLEL - 1 });
    expect(await count(w, "SELECT count(*) AS n FROM contact_points WHERE kind = 'email' AND value = ?", email)).toBe(1);
    const winnerId = made[answers.findIndex((a) => a.status === 201)]!;
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.error.details.collisions).toEqual([
        expect.objectContaining({ by: 'email', value: email, ownerName: await ownerNameOf(winnerId) }),
      ]);
  });
});

describe('imports and manual creates of one ИНН at the same moment', () => {
  test('one company in the end; every import row says what became of it', async () => {
    const inn = completeInn('770966601');
    const importers = (['managerA', 'managerB'] as const).flatMap((who) => Array.from({ length: 5 }, () => ({ who, api: apiAs(w, who) })));
    const imports: number[] = [];
    for (const { api } of importers) {
      const res = await api.post('/api/imports', {
        fileName: 'kontragenty.xlsx',
        regionId: world.regions.msk,
        mapping: { Наименование: 'name', ИНН: 'inn', КПП: 'kpp' },
        totalRows: 1,
      });
      expect(res.status).toBe(201);
      imports.push(res.body.id);
    }
    const creators = await sessions(PARALLEL - importers.length);
    const [commits, creates] = await Promise.all([
      Promise.all(
        importers.map(({ api }, i) =>
          api.post(`/api/imports/${imports[i]}/commit`, { rows: [{ rowNo: 2, name: `ООО «Импорт ${i}»`, inn, kpp: '770901001' }] }),
        ),
      ),
      Promise.all(
        creators.map(({ api }, i) => api.post('/api/companies', { name: `ООО «Вручную ${i}»`, inn, kpp: '770901001', regionId: 1 })),
      ),
    ]);
    expect(await count(w, 'SELECT count(*) AS n FROM companies WHERE inn = ?', inn)).toBe(1);
    expect(statuses(commits)).toEqual({ 200: importers.length });
    const outcomes = commits.map((c) => c.body.rows[0].outcome as string);
    const created = creates.filter((c) => c.status === 201).length + outcomes.filter((o) => o === 'new').length;
    expect(created).toBe(1);
    expect(creates.every((c) => c.status === 201 || c.status === 409)).toBe(true);
    expect(outcomes.every((o) => ['new', 'merged', 'other_owner'].includes(o))).toBe(true);
  });
});

describe('migration 0013 on a base that already holds duplicates', () => {
  // Real SQLite (better-sqlite3) with foreign keys on, as D1 keeps them: the migrations up to 0012, then
  // the companies a base built before the guard may hold, then 0013 itself.
  const migrations = readMigrations();
  const upTo = (db: Database.Database, last: string) => {
    for (const m of migrations.filter((x) => x.name <= last)) for (const s of m.statements) db.exec(s);
  };
  const guard = migrations.find((m) => m.name.startsWith('0013_'))!;

  test('applies, keeps every row, marks the younger duplicates and guards the pair from then on', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    upTo(db, '0012_zzz');
    db.exec(`INSERT INTO regions (id, code, name, time_zone) VALUES (1, 'msk', 'Москва', 'Europe/Moscow')`);
    const company =
      db.prepare(`INSERT INTO companies (id, name, name_normalized, inn, kpp, region_id, status, merged_into_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 1, 'client', ?, 0, 0)`);
    const org = '7707083893';
    const person = '500100732259';
    for (const [id, inn, kpp, merged] of [
      [1, org, '770101001', null],
      [2, org, '770101001', null], // a duplicate made by the old race
      [3, org, '770101001', null], // and another
      [4, org, '780201001', null], // a branch: another КПП
      [5, org, '770101001', 1], // merged away long ago: not live
      [6, person, null, null],
      [7, person, null, null], // a sole trader twice (no КПП is one value)
      [8, null, null, null],
      [9, null, null, null],
    ] as const)
      company.run(id, `Компания ${id}`, `компания ${id}`, inn, kpp, merged);
    for (const s of guard.statements) db.exec(s);
    expect(db.prepare('SELECT id, duplicate_of_id FROM companies ORDER BY id').all()).toEqual([
      { id: 1, duplicate_of_id: null },
      { id: 2, duplicate_of_id: 1 },
      { id: 3, duplicate_of_id: 1 },
      { id: 4, duplicate_of_id: null },
      { id: 5, duplicate_of_id: null },
      { id: 6, duplicate_of_id: null },
      { id: 7, duplicate_of_id: 6 },
      { id: 8, duplicate_of_id: null },
      { id: 9, duplicate_of_id: null },
    ]);
    expect(() => company.run(10, 'Ещё одна', 'ещё одна', org, '770101001', null)).toThrow(
      "UNIQUE constraint failed: index 'companies_inn_kpp_live_uq'",
    );
    expect(() => company.run(11, 'ИП ещё раз', 'ип ещё раз', person, null, null)).toThrow(/companies_inn_kpp_live_uq/);
    // A merged-away company keeps its ИНН without blocking anyone; companies without ИНН are not guarded.
    company.run(12, 'Слита', 'слита', org, '780201001', 4);
    company.run(13, 'Без ИНН', 'без инн', null, null, null);
    expect(db.prepare('SELECT count(*) AS n FROM companies').get()).toEqual({ n: 11 });
  });
});

describe('1C holds two counterparties of one ИНН+КПП', () => {
  // 1C warns about a second counterparty with the same ИНН/КПП but lets the accountant save it. The sync
  // must neither fail on the unique index nor drop it: the second is kept, marked as a known duplicate.
  let onecWorker: TestWorker;
  let onec: OnecServer;
  const base = loadOnecFixture('Catalog_Контрагенты')[0]!;
  const holder = { ...base, Ref_Key: 'a1c00000-0000-4000-8000-000000000001', ИНН: '7707083893', КПП: '770101001' };
  const second = {
    ...base,
    Ref_Key: 'a1c00000-0000-4000-8000-000000000002',
    Description: 'Кровля А (второй)',
    НаименованиеПолное: 'ООО «Кровля А»',
    ИНН: '7707083893',
    КПП: '770101001',
  };
  beforeAll(async () => {
    onec = await startOnecServer({
      data: {
        Catalog_Контрагенты: [holder, second],
        Document_ЗаказКлиента: [],
        Document_СчетНаОплатуКлиенту: [],
        Document_ПоступлениеБезналичныхДенежныхСредств: [],
        Document_ПриходныйКассовыйОрдер: [],
        Document_РеализацияТоваровУслуг: [],
      },
    });
    onecWorker = await startWorker({ bindings: onec.bindings() });
    await seedWorld(onecWorker);
  });
  afterAll(async () => {
    await onecWorker?.dispose();
    await onec?.close();
  });

  test('the first is linked to the company of that ИНН, the second stored marked as its duplicate', async () => {
    await runCron(onecWorker);
    const rows = await onecWorker.db
      .prepare('SELECT id, onec_ref, duplicate_of_id FROM companies WHERE inn = ? ORDER BY id')
      .bind('7707083893')
      .all<{ id: number; onec_ref: string | null; duplicate_of_id: number | null }>();
    expect(rows.results).toEqual([
      { id: world.companies.ofA, onec_ref: holder.Ref_Key, duplicate_of_id: null },
      { id: expect.any(Number), onec_ref: second.Ref_Key, duplicate_of_id: world.companies.ofA },
    ]);
    // A manager still cannot add a third one: the collision check names the unmarked holder first.
    const res = await apiAs(onecWorker, 'managerB').post('/api/companies', {
      name: 'Третья',
      inn: '7707083893',
      kpp: '770101001',
      regionId: 1,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.collisions.map((c: { by: string }) => c.by)).toEqual(['inn', 'inn']);
  });

  test('an edit of the marked one to a free ИНН clears the mark; back to a held one is a 409', async () => {
    const id = Number(
      (await onecWorker.db.prepare('SELECT id FROM companies WHERE onec_ref = ?').bind(second.Ref_Key).first<{ id: number }>())!.id,
    );
    const admin = apiAs(onecWorker, 'admin');
    const free = completeInn('770977701');
    expect((await admin.patch(`/api/companies/${id}`, { inn: free, kpp: '770101001' })).status).toBe(200);
    expect(await onecWorker.db.prepare('SELECT inn, duplicate_of_id FROM companies WHERE id = ?').bind(id).first()).toEqual({
      inn: free,
      duplicate_of_id: null,
    });
    const back = await admin.patch(`/api/companies/${id}`, { inn: '7707083893', kpp: '770101001' });
    expect(back.status).toBe(409);
    expect(back.body.error.details.collisions[0]).toMatchObject({ by: 'inn', companyId: world.companies.ofA });
  });
});
