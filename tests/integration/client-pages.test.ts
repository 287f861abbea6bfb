import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world, type UserKey } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';
import { formatDay } from '../../schema/domain/format-ru';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const XSS_NAME = '<script>alert(1)</script>';
const XSS_ID = 105;

let w: TestWorker;
const cookies = new Map<UserKey, string>();
const cookieOf = async (who: UserKey) => {
  if (!cookies.has(who)) cookies.set(who, await sessionCookie(w, who));
  return cookies.get(who)!;
};
const now = TEST_NOW;
const callToA = now - 2 * DAY;

beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  const s = (sql: string, ...args: unknown[]) => w.db.prepare(sql).bind(...args);
  const event = (
    id: number,
    kind: string,
    companyId: number,
    at: number,
    extra: { direction?: string; duration?: number; result?: string; subject?: string } = {},
  ) =>
    s(
      `INSERT INTO events (id, kind, source, external_id, occurred_at, company_id, user_id, direction, duration_sec, call_result, subject, created_at)
       VALUES (?, ?, 'manual', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      kind,
      `pages-${id}`,
      at,
      companyId,
      world.users.managerA.id,
      extra.direction ?? null,
      extra.duration ?? null,
      extra.result ?? null,
      extra.subject ?? null,
      at,
    );
  await w.db.batch([
    // 101: called 2 days ago; a later 1C document is not a touch. 102: a note 40 days ago. 103, 105: never. 104: mailed 6 hours ago.
    event(9001, 'call', world.companies.ofA, callToA, { direction: 'out', duration: 65, result: 'answered' }),
    event(9002, 'onec_document', world.companies.ofA, now - HOUR, { subject: 'Счёт № 17' }),
    event(9003, 'call', world.companies.ofA, now - 3 * DAY, { direction: 'in', duration: 0, result: 'missed' }),
    event(9004, 'note', world.companies.ofB, now - 40 * DAY, { subject: 'Просил перезвонить весной' }),
    event(9005, 'mail', world.companies.ofC, now - 6 * HOUR, { direction: 'in', subject: 'Запрос цены' }),
    s("UPDATE companies SET status = 'prospect' WHERE id = ?", world.companies.poolMsk),
    s(
      `INSERT INTO companies (id, name, name_normalized, inn, kpp, region_id, owner_id, status, created_at, updated_at)
       VALUES (?, ?, ?, NULL, NULL, 1, ?, 'client', ?, ?)`,
      XSS_ID,
      XSS_NAME,
      XSS_NAME,
      world.users.managerA.id,
      now,
      now,
    ),
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, created_at, stage_entered_at)
       VALUES (301, 101, 1, 4, 'invoice', 1234567, 'call', ?, ?), (302, 102, 1, 5, 'qualified', 0, 'mail', ?, ?)`,
      now - 5 * DAY,
      now - HOUR,
      now - 50 * DAY,
      now - 50 * DAY,
    ),
    s(
      `INSERT INTO tasks (id, user_id, company_id, lead_id, kind, title, due_at, created_at) VALUES (401, 4, 101, 301, 'follow_up', 'Напомнить об оплате счёта 17', ?, ?)`,
      now + DAY,
      now,
    ),
    s(
      `INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, amount_kopecks, updated_at)
       VALUES ('ref-inv-17', 'invoice', 'УТ-17', '2026-11-19T10:30:00', ?, 1, 0, 'v1', 101, 1234567, ?)`,
      now - DAY,
      now,
    ),
  ]);
});
afterAll(() => w?.dispose());

type List = { items: { id: number; lastTouchAt: number | null }[]; nextAfter: number | null };
const list = async (who: UserKey, query = '') => {
  const res = await w.fetch(`/api/companies${query}`, { headers: { cookie: await cookieOf(who) } });
  expect(res.status).toBe(200);
  return (await res.json()) as List;
};
const ids = async (who: UserKey, query = '') => (await list(who, query)).items.map((c) => c.id);

const page = async (who: UserKey, path: string, accept = 'text/html') =>
  w.fetch(path, { headers: { cookie: await cookieOf(who), accept }, redirect: 'manual' });
/** The page body without the per-response nonce, with ru-RU's no-break spaces as plain ones. */
const mainOf = (html: string) => (/<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('client list filters', () => {
  test("status keeps prospects or clients, within each caller's scope", async () => {
    expect(await ids('admin', '?status=prospect')).toEqual([103]);
    expect(await ids('managerA', '?status=client')).toEqual([101, XSS_ID]);
    expect(await ids('headA', '?status=client')).toEqual([101, 102, XSS_ID]);
  });

  test('noContactDays keeps companies whose last call/mail/note/task is older than N days, or never', async () => {
    expect(await ids('admin', '?noContactDays=30')).toEqual([102, 103, XSS_ID]);
    expect(await ids('managerA', '?noContactDays=30')).toEqual([103, XSS_ID]);
    expect(await ids('headA', '?noContactDays=30')).toEqual([102, 103, XSS_ID]);
    // 101 was called two days ago (its newer 1C document does not count); 104 was mailed today.
    expect(await ids('admin', '?noContactDays=1')).toEqual([101, 102, 103, XSS_ID]);
  });

  test('ownerId=0 is the pool; an owner or a region outside the scope gives nothing', async () => {
    expect(await ids('admin', '?ownerId=0')).toEqual([103]);
    expect(await ids('managerA', '?ownerId=0')).toEqual([103]);
    expect(await ids('headOther', '?ownerId=0')).toEqual([]);
    expect(await ids('headA', '?ownerId=5')).toEqual([102]);
    expect(await ids('managerA', '?ownerId=5')).toEqual([]);
    expect(await ids('admin', '?regionId=2')).toEqual([104]);
    expect(await ids('headA', '?regionId=2')).toEqual([]);
    expect(await ids('headA', '?regionId=1&ownerId=4')).toEqual([101, XSS_ID]);
  });

  test('each item carries its last touch, ignoring events that are not touches', async () => {
    const items = (await list('admin')).items;
    expect(Object.fromEntries(items.map((c) => [c.id, c.lastTouchAt]))).toEqual({
      101: callToA,
      102: now - 40 * DAY,
      103: null,
      104: now - 6 * HOUR,
      [XSS_ID]: null,
    });
  });

  test('filters keep the keyset paging', async () => {
    const first = await list('admin', '?noContactDays=30&limit=2');
    expect(first.items.map((c) => c.id)).toEqual([102, 103]);
    expect(first.nextAfter).toBe(103);
    const second = await list('admin', `?noContactDays=30&limit=2&after=${first.nextAfter}`);
    expect(second.items.map((c) => c.id)).toEqual([XSS_ID]);
    expect(second.nextAfter).toBeNull();
  });

  test('empty form fields mean "any", a bad status is refused', async () => {
    expect(await ids('admin', '?q=&regionId=&ownerId=&status=&noContactDays=')).toEqual([101, 102, 103, 104, XSS_ID]);
    const bad = await w.fetch('/api/companies?status=lost', { headers: { cookie: await cookieOf('admin') } });
    expect(bad.status).toBe(400);
  });
});

describe('client list page', () => {
  test("filtered by owner, shows that owner's companies with Russian statuses and dates", async () => {
    const res = await page('headA', `/app/clients?ownerId=${world.users.managerA.id}`);
    expect(res.status).toBe(200);
    const html = mainOf(await res.text());
    expect(html).toContain('Кровля А');
    expect(html).not.toContain('Профлист Б');
    expect(html).toContain('<a href="/app/clients/101" translate="no">');
    expect(html).toContain('7707083893 / 770101001');
    expect(html).toContain('клиент');
    expect(html).toContain(
      new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: '2-digit', month: '2-digit', year: 'numeric' }).format(callToA),
    );
    expect(html).toMatch(/<option value="4" selected(="")? translate="no">Анна Менеджер<\/option>/); // the boolean attribute, in either spelling
    expect(html).toContain(`href="/api/companies/export.csv?ownerId=4"`);
  });

  test("shows the pool as «пул региона», never-touched as «нет», and only the viewer's regions", async () => {
    const html = mainOf(await (await page('managerA', '/app/clients?ownerId=0')).text());
    expect(html).toContain('Пул Москва');
    expect(html).toContain('пул региона');
    expect(html).toContain('<span class="muted">нет</span>');
    expect(html).toContain('>Москва</option>');
    expect(html).not.toContain('Приморский край');
  });

  test('pages by «Показать ещё» with the filters kept', async () => {
    const html = mainOf(await (await page('admin', '/app/clients?status=client&limit=2')).text());
    expect(html).toContain('href="/app/clients?status=client&amp;after=102"');
    const next = mainOf(await (await page('admin', '/app/clients?status=client&limit=2&after=102')).text());
    expect(next).toContain('Приморье С');
    expect(next).not.toContain('Кровля А');
  });

  test('escapes a company name that is HTML', async () => {
    const html = await (await page('managerA', '/app/clients')).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain(XSS_NAME);
    const card = await (await page('managerA', `/app/clients/${XSS_ID}`)).text();
    expect(card).toContain('<h1 translate="no">&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(card).not.toContain(XSS_NAME);
  });

  test('sends a visitor without a session to sign-in', async () => {
    const res = await w.fetch('/app/clients', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fapp%2Fclients');
  });
});

describe('client card page', () => {
  test('shows contacts with tel:/mailto: links, the open lead, the last invoice in rubles and the timeline', async () => {
    const res = await page('managerA', `/app/clients/${world.companies.ofA}`);
    expect(res.status).toBe(200);
    const html = mainOf(await res.text());
    expect(html).toContain('<a href="tel:+74951234567" translate="no">+7 495 123-45-67</a>');
    expect(html).toContain('<a href="mailto:ivan@krovlya.ru">ivan@krovlya.ru</a>');
    expect(html).toContain('Счёт выставлен');
    expect(html).toContain('Напомнить об оплате счёта 17');
    expect(html).toContain('12 345,67 ₽');
    expect(html).toContain('УТ-17');
    expect(html).toContain('19.11.2026');
    expect(html).toContain('<b>Звонок исходящий</b> <span class="muted">01:05');
    expect(html).toContain('<b>Звонок пропущенный</b>');
    expect(html).toContain('<b>Документ 1С</b>');
    expect(html).toContain('Анна Менеджер');
  });

  test('writes a view row to the audit log', async () => {
    const before = await w.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'view' AND entity = 'company' AND entity_id = '101' AND user_id = ?")
      .bind(world.users.headA.id)
      .first<{ n: number }>();
    await page('headA', `/app/clients/${world.companies.ofA}`);
    const after = await w.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'view' AND entity = 'company' AND entity_id = '101' AND user_id = ?")
      .bind(world.users.headA.id)
      .first<{ n: number }>();
    expect(after!.n).toBe(before!.n + 1);
  });

  test('highlights deviations', async () => {
    const html = mainOf(await (await page('headA', `/app/clients/${world.companies.ofB}`)).text());
    expect(html).toContain('<div class="card alert" id="deviations">');
    // Lead 302 came by mail 50 days ago: named by the client and that, not by its id.
    const day = formatDay(TEST_NOW - 50 * DAY, 'Europe/Moscow');
    expect(html).toContain(`Нет касаний по открытому интересу «ООО &quot;Профлист Б&quot; — письмо от ${day}»`);
    expect(html).not.toContain('№302');
  });

  test('offers each viewer only the owner actions he may take', async () => {
    const own = mainOf(await (await page('managerA', `/app/clients/${world.companies.ofA}`)).text());
    expect(own).toContain('id="release"');
    expect(own).not.toContain('id="claim"');
    expect(own).not.toContain('id="assign"');
    const pool = mainOf(await (await page('managerB', `/app/clients/${world.companies.poolMsk}`)).text());
    expect(pool).toContain('id="claim"');
    expect(pool).not.toContain('id="release"');
    const head = mainOf(await (await page('headA', `/app/clients/${world.companies.ofA}`)).text());
    expect(head).toMatch(/<option value="4" selected(="")? translate="no">Анна Менеджер<\/option>/);
    expect(head).toContain('<option value="5" translate="no">Борис Менеджер</option>');
    expect(head).not.toContain('Вера Менеджер');
    expect(head).not.toContain('id="claim"');
  });

  test('answers the same HTML 404 for a company out of scope, a missing one and a malformed id', async () => {
    const outOfScope = await page('managerB', `/app/clients/${world.companies.ofA}`);
    expect(outOfScope.status).toBe(404);
    expect(outOfScope.headers.get('content-type')).toMatch(/^text\/html/);
    const body = mainOf(await outOfScope.text());
    expect(body).toContain('Клиент не найден');
    expect(body).not.toContain('Кровля');
    for (const path of ['/app/clients/999999', '/app/clients/abc']) {
      const res = await page('managerB', path);
      expect(res.status).toBe(404);
      expect(mainOf(await res.text())).toBe(body);
    }
  });

  test('answers the JSON error to a caller that does not ask for HTML', async () => {
    const res = await page('managerB', `/app/clients/${world.companies.ofA}`, '*/*');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('client list export', () => {
  const exportCsv = async (who: UserKey, query = '') =>
    w.fetch(`/api/companies/export.csv${query}`, { headers: { cookie: await cookieOf(who) } });

  test('is CSV for Excel with a header and one line per company in scope, and is audit-logged', async () => {
    const res = await exportCsv('headA');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines[0]).toBe('ID;Название;ИНН;КПП;Регион;Ответственный;Статус;Последний контакт');
    expect(lines.slice(1).map((l) => Number(l.split(';')[0]))).toEqual([101, 102, 103, XSS_ID]);
    const callDay = new Intl.DateTimeFormat('ru-RU', {
      timeZone: 'Europe/Moscow',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(callToA);
    expect(lines[1]).toBe(`101;"ООО ""Кровля А""";="7707083893";="770101001";Москва;Анна Менеджер;клиент;${callDay}`);
    expect(lines[3]).toBe('103;"ООО ""Пул Москва""";="7728168971";="770101001";Москва;пул региона;потенциальный;нет');

    const audit = await w.db
      .prepare("SELECT user_id, entity, details FROM audit_log WHERE action = 'export' ORDER BY id DESC")
      .first<{ user_id: number; entity: string; details: string }>();
    expect(audit).toMatchObject({ user_id: world.users.headA.id, entity: 'company_list' });
    expect(JSON.parse(audit!.details)).toMatchObject({ rows: 4, capped: false });
  });

  test('takes the list filters, and a manager exports only his scope', async () => {
    const pool = (await (await exportCsv('admin', '?ownerId=0')).text()).trim().split('\r\n');
    expect(pool.slice(1).map((l) => Number(l.split(';')[0]))).toEqual([103]);
    const mine = (await (await exportCsv('managerA', '?noContactDays=30')).text()).trim().split('\r\n');
    expect(mine.slice(1).map((l) => Number(l.split(';')[0]))).toEqual([103, XSS_ID]);
    const audit = await w.db.prepare("SELECT details FROM audit_log WHERE action = 'export' ORDER BY id DESC").first<{ details: string }>();
    expect(JSON.parse(audit!.details)).toMatchObject({ filters: { noContactDays: 30 }, rows: 2 });
  });

  test('stops at 50,000 rows and says so in a last line', async () => {
    await w.db
      .prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50001)
      INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at)
      SELECT 1000000 + i, 'Массовый ' || i, 'массовый ' || i, 2, ?, 'prospect', 0, 0 FROM n`)
      .bind(world.users.managerC.id)
      .run();
    try {
      const lines = (await (await exportCsv('managerC')).text()).slice(1, -2).split('\r\n');
      expect(lines).toHaveLength(1 + 50_000 + 1);
      expect(lines.at(-2)).toMatch(/^1049999;/);
      expect(lines.at(-1)?.replace(/[\u00a0\u202f]/g, ' ')).toBe('Выгружены первые 50 000 строк, есть ещё — уточните фильтры');
      const audit = await w.db
        .prepare("SELECT details FROM audit_log WHERE action = 'export' ORDER BY id DESC")
        .first<{ details: string }>();
      expect(JSON.parse(audit!.details)).toMatchObject({ rows: 50_000, capped: true });
    } finally {
      await w.db.prepare('DELETE FROM companies WHERE id > 1000000').run();
    }
  });
});
