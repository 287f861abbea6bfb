/**
 * 152-ФЗ: every read that returns clients' personal data — lists, search, lookup, a lead card,
 * drill-downs, widget data, the sync payloads — leaves an audit row without the data itself, and the
 * admin reads the trail by user, client, action and period, page by page, and as CSV.
 */
import { apiAs } from '../helpers/api';
import { TEST_NOW } from '../helpers/clock';
import { startWorker, type TestWorker } from '../helpers/worker';
import { createToken, seedWorld, sessionCookie, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  await w.db
    .prepare(`INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at)
    VALUES (701, 101, 1, ?, 'new', 'call', 0, 0)`)
    .bind(world.users.managerA.id)
    .run();
});
afterAll(() => w?.dispose());

interface Entry {
  id: number;
  action: string;
  entity: string;
  entityId: string | null;
  userId: number | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
}

const trail = async (query: string): Promise<{ items: Entry[]; nextBefore: number | null }> => {
  const res = await apiAs(w, 'admin').get(`/api/audit?${query}`);
  expect(res.status).toBe(200);
  return res.body;
};

test('reads of personal data are audited with the route, the client and the count — never the data', async () => {
  const a = apiAs(w, 'managerA');
  const secretQuery = 'Кровля';
  expect((await a.get(`/api/companies?q=${encodeURIComponent(secretQuery)}`)).status).toBe(200);
  expect((await a.get(`/api/search?q=${encodeURIComponent('+7 495 123-45-67')}`)).status).toBe(200);
  expect((await a.get('/api/leads/701')).status).toBe(200);
  expect((await a.get(`/api/lookup?phone=${encodeURIComponent('8 (495) 123-45-67')}`)).status).toBe(200);
  expect((await a.get('/api/reports/calls/drill')).status).toBe(200);
  const { secret } = await createToken(w, await sessionCookie(w, 'managerA'), 'embed');
  expect((await w.fetch(`/api/widgets/month?t=${encodeURIComponent(secret)}`)).status).toBe(200);

  const mine = (await trail(`userId=${world.users.managerA.id}&action=read`)).items;
  const routes = mine.map((e) => e.details?.['route']);
  expect(routes).toEqual(
    expect.arrayContaining([
      'GET /api/companies',
      'GET /api/search',
      'GET /api/leads/:id',
      'GET /api/lookup',
      'GET /api/reports/:report/drill',
      'GET /api/widgets/month',
    ]),
  );
  const list = mine.find((e) => e.details?.['route'] === 'GET /api/companies')!;
  expect(list).toMatchObject({ action: 'read', entity: 'clients', details: { what: 'clients', count: 1, filters: ['q'] } });
  expect(mine.find((e) => e.details?.['route'] === 'GET /api/leads/:id')).toMatchObject({ entity: 'company', entityId: '101' });
  expect(mine.find((e) => e.details?.['route'] === 'GET /api/lookup')).toMatchObject({ entity: 'company', entityId: '101' });
  // Nothing a person typed or was shown is in the trail: not the search text, not the number, not a name.
  // The request id is a random UUID (its hex may spell «495» by chance): it is checked for shape, then left out.
  for (const e of mine) expect(e.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const raw = JSON.stringify(mine.map(({ requestId: _requestId, ...rest }) => rest));
  for (const leak of [secretQuery, '74951234567', '495', 'Иван', secret]) expect(raw).not.toContain(leak);
});

test('the trail filters by client, user, action and Moscow days, and pages by id', async () => {
  const b = apiAs(w, 'headA');
  for (let i = 0; i < 3; i++) expect((await b.get('/api/leads/701')).status).toBe(200);
  const about101 = await trail('companyId=101');
  expect(about101.items.length).toBeGreaterThanOrEqual(4);
  expect(about101.items.every((e) => e.entityId === '101' || e.details?.['companyId'] === 101)).toBe(true);
  const today = new Date(TEST_NOW).toISOString().slice(0, 10);
  const day = await trail(`userId=${world.users.headA.id}&from=${today}&to=${today}&limit=2`);
  expect(day.items).toHaveLength(2);
  expect(day.nextBefore).toBe(day.items[1]!.id);
  const rest = await trail(`userId=${world.users.headA.id}&from=${today}&to=${today}&limit=2&before=${day.nextBefore}`);
  expect(rest.items.length).toBeGreaterThanOrEqual(1);
  expect(rest.items.every((e) => e.id < day.nextBefore!)).toBe(true);
  expect((await trail(`userId=${world.users.headA.id}&from=2020-01-01&to=2020-01-31`)).items).toEqual([]);
  // A GET form sends every field, the empty ones too: empty means "all".
  expect((await trail('userId=&companyId=&action=&from=&to=')).items.length).toBeGreaterThan(0);
  expect((await apiAs(w, 'admin').get('/api/audit?from=2026-13-01')).status).toBe(400);
});

test('the CSV export holds the same rows, and the export itself is in the trail; only the admin reads the trail', async () => {
  const res = await w.fetch(`/api/audit/export.csv?userId=${world.users.managerA.id}&action=read`, {
    headers: { cookie: await sessionCookie(w, 'admin') },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const csv = await res.text();
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe('Когда (МСК);Кто;Как вошёл;Действие;Объект;Номер объекта;Подробности;Запрос');
  expect(lines.length - 1).toBe((await trail(`userId=${world.users.managerA.id}&action=read&limit=1000`)).items.length);
  expect(lines.slice(1).every((l) => l.includes(';Анна Менеджер;') && l.includes(';read;'))).toBe(true);
  expect((await trail('action=export')).items[0]).toMatchObject({ entity: 'audit', details: { filters: ['action', 'userId'] } });

  for (const who of ['managerA', 'headA'] as const) expect((await apiAs(w, who).get('/api/audit')).status).toBe(403);
});

test('an admin whose language is English and who lives in Vladivostok gets the CSV with English columns and his own times', async () => {
  const cookie = await sessionCookie(w, 'admin');
  const row = async () => {
    const res = await w.fetch(`/api/audit/export.csv?userId=${world.users.managerA.id}&action=read`, {
      headers: { cookie, 'accept-language': 'ru-RU,ru;q=0.9' },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    return {
      disposition: decodeURIComponent(res.headers.get('content-disposition') ?? ''),
      header: lines[0],
      first: lines[1]!.split(';')[0],
    };
  };
  const inMoscow = await row();
  await w.db.prepare("UPDATE users SET lang = 'en', time_zone = 'Asia/Vladivostok' WHERE id = ?").bind(world.users.admin.id).run();
  try {
    const inVladivostok = await row();
    expect(inVladivostok.header).toBe('When (Asia/Vladivostok);Who;Signed in via;Action;Object;Object no.;Details;Request');
    expect(inVladivostok.disposition).toContain("filename*=UTF-8''audit-trail.csv");
    // The same first record, seven hours later on the clock (UTC+10 against Moscow's UTC+3).
    const clock = (s: string) => {
      const m = /^(\d\d)\.(\d\d)\.(\d{4}), (\d\d):(\d\d)$/.exec(s)!;
      return Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!, +m[4]!, +m[5]!);
    };
    expect(clock(inVladivostok.first!) - clock(inMoscow.first!)).toBe(7 * 3_600_000);
  } finally {
    await w.db.prepare("UPDATE users SET lang = 'ru', time_zone = 'Europe/Moscow' WHERE id = ?").bind(world.users.admin.id).run();
  }
});

test('the page /app/audit takes the filter form as the browser sends it (empty fields = all) and shows Russian rows', async () => {
  const cookie = await sessionCookie(w, 'admin');
  const res = await w.fetch(`/app/audit?userId=${world.users.managerA.id}&companyId=&action=read&from=&to=`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('Журнал аудита');
  expect(html).toContain('Просмотр персональных данных');
  expect(html).toContain('GET /api/leads/:id');
  expect(html).toMatch(/href="\/api\/audit\/export\.csv\?userId=\d+&amp;action=read"/);
  expect((await w.fetch('/app/audit', { headers: { cookie: await sessionCookie(w, 'managerA') } })).status).toBe(403);
});
