import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, sessionCookie, type UserKey, world } from '../helpers/world';

/**
 * The shell every page shares, through HTTP: error pages for browsers and JSON for programs, the
 * role's menu with the current page marked, and the pages' language (Russian unless chosen).
 */
let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

/** What Chromium sends when a person opens an address. */
const NAVIGATE = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-mode': 'navigate' };

async function open(path: string, who: UserKey | null, headers: Record<string, string> = NAVIGATE) {
  const cookie = who ? await sessionCookie(w, who) : '';
  const res = await w.fetch(path, { headers: { ...headers, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', location: res.headers.get('location'), text: await res.text() };
}
// An entry's label is its text; «Мой день» also holds the (hidden) counter badge.
const menuOf = (html: string) => [
  ...(/<nav id="menu"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '').matchAll(
    /<a ([^>]*)>([^<]*)(?:<span class="badge"[^>]*><\/span>)?<\/a>/g,
  ),
];
const currentOf = (html: string) =>
  menuOf(html)
    .filter(([, attrs]) => attrs!.includes('aria-current="page"'))
    .map(([, , label]) => label);

describe('errors: a page for a browser, JSON for a program', () => {
  test('a manager opening /app/sync gets a Russian 403 page in the layout, with his menu', async () => {
    const res = await open('/app/sync', 'managerA');
    expect(res.status).toBe(403);
    expect(res.type).toContain('text/html');
    expect(res.text).toContain('<html lang="ru">');
    expect(res.text).toContain('<h1 style="margin:0 0 10px">Нет доступа</h1>');
    expect(res.text).toContain('Анна Менеджер');
    expect(menuOf(res.text).map(([, , label]) => label)).not.toContain('Синхронизация');
  });

  test('the same request from a program keeps the JSON error shape', async () => {
    const res = await open('/app/sync', 'managerA', { accept: 'application/json' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'forbidden', message: 'Недостаточно прав' } });
  });

  test('an unknown /app address is a 404 page; an unknown /api address stays JSON even for a browser', async () => {
    const page = await open('/app/nowhere', 'managerA');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Страница не найдена');
    expect(page.text).toContain('Анна Менеджер');
    expect(currentOf(page.text)).toEqual([]);
    const api = await open('/api/nowhere', 'managerA');
    expect(api.status).toBe(404);
    expect(JSON.parse(api.text).error.code).toBe('not_found');
  });

  test('without a session a page sends the browser to sign in and back', async () => {
    const res = await open('/app/clients?q=ровл', null);
    expect(res.status).toBe(302);
    // The browser sends the query percent-encoded; the way back carries it exactly as asked.
    expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(`/app/clients?q=${encodeURIComponent('ровл')}`)}`);
  });

  test('a page address with a wrong query is a 400 page naming what is wrong, in the user’s language; a program still gets JSON', async () => {
    const drill = '/app/reports/clients/drill?from=2020-01-01&to=2026-11-30';
    const res = await open(drill, 'headA');
    expect(res.status).toBe(400);
    expect(res.type).toContain('text/html');
    expect(res.text).toContain('<h1 style="margin:0 0 10px">Ошибка в адресе страницы</h1>');
    expect(res.text).toContain('<p class="muted">Период не длиннее трёх лет</p>');
    expect(res.text).toContain('Руководитель Москвы');
    const bucket = await open('/app/reports/calls/drill?by=week&bucket=x', 'headA');
    expect([bucket.status, bucket.type]).toEqual([400, 'text/html; charset=UTF-8']);

    // His setting, not the browser's Accept-Language, picks the words — the reason's too.
    await w.db.prepare("UPDATE users SET lang = 'en' WHERE id = ?").bind(world.users.headA.id).run();
    try {
      const english = await open(drill, 'headA', { ...NAVIGATE, 'accept-language': 'ru-RU,ru;q=0.9' });
      expect(english.status).toBe(400);
      expect(english.text).toContain('<html lang="en">');
      expect(english.text).toContain('The page address has a mistake');
      expect(english.text).not.toMatch(/Период/);
    } finally {
      await w.db.prepare("UPDATE users SET lang = 'ru' WHERE id = ?").bind(world.users.headA.id).run();
    }

    const program = await open(drill, 'headA', { accept: 'application/json' });
    expect(program.status).toBe(400);
    expect(JSON.parse(program.text).error.fields).toEqual([{ field: 'query.from', message: 'Период не длиннее трёх лет' }]);
  });

  test("a client out of scope is the card page's own Russian 404, not JSON", async () => {
    const res = await open('/app/clients/104', 'managerA');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Клиент не найден');
  });
});

describe('the menu', () => {
  test('a manager sees no admin pages; the admin does; the current page is marked', async () => {
    const manager = await open('/app/clients', 'managerA');
    expect(menuOf(manager.text).map(([, , label]) => label)).toEqual([
      'Мой день',
      'Задачи',
      'Клиенты',
      'Новый клиент',
      'Отчёты',
      'Планы',
      'Зарплата',
      'Импорт',
      'Токены и виджеты',
      'API',
    ]);
    expect(currentOf(manager.text)).toEqual(['Клиенты']);
    const admin = await open('/app/clients/101', 'admin');
    expect(menuOf(admin.text).map(([, , label]) => label)).toEqual(
      expect.arrayContaining(['Синхронизация', 'Пользователи', 'Журнал доступа']),
    );
    expect(currentOf(admin.text)).toEqual(['Клиенты']);
  });

  test('every signed-in page carries the search box that submits to the client list', async () => {
    const res = await open('/app/reports', 'headA');
    expect(res.text).toMatch(/<form class="search" role="search" method="get" action="\/app\/clients" id="search">/);
    expect(res.text).toContain('id="search-q" name="q"');
    expect(currentOf(res.text)).toEqual(['Отчёты']);
  });
});

describe('the language of the pages', () => {
  test('sign-in is Russian, whatever the browser prefers, with no English leaking in', async () => {
    const res = await open('/sign-in', null, { ...NAVIGATE, 'accept-language': 'en-US,en;q=0.9' });
    expect(res.text).toContain('<html lang="ru">');
    expect(res.text).toContain('Вход в Воронку');
    const visible = res.text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/Sign in|Password/);
  });

  test('before signing in, the browser’s last choice (the cookie) picks the sign-in page’s language', async () => {
    const signIn = await open('/sign-in', null, { ...NAVIGATE, cookie: 'voronka_lang=en' });
    expect(signIn.text).toContain('<html lang="en">');
    expect(signIn.text).toContain('Sign in to Voronka');
  });

  test('signed in, the user’s own setting wins over a cookie left by someone else in this browser', async () => {
    const cookie = `${await sessionCookie(w, 'managerA')}; voronka_lang=en`;
    const html = await (await w.fetch('/app/clients', { headers: { ...NAVIGATE, cookie } })).text();
    expect(html).toContain('<html lang="ru">');
    expect(currentOf(html)).toEqual(['Клиенты']);
  });
});

describe('the language is the user’s setting', () => {
  const patchMe = (cookie: string, body: unknown, headers: Record<string, string> = {}) =>
    w.fetch('/api/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, ...headers },
      body: JSON.stringify(body),
    });

  test('the menu’s switch keeps English on his row: another browser signing in gets English pages, the cookie follows', async () => {
    const first = await sessionCookie(w, 'managerB');
    const res = await patchMe(first, { lang: 'en' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ lang: 'en', changed: true });
    expect(res.headers.get('set-cookie')).toMatch(/^voronka_lang=en; Max-Age=31536000; Path=\/;.* SameSite=Lax/);
    const audit = await w.db
      .prepare(
        "SELECT principal, action, entity, entity_id, details FROM audit_log WHERE action = 'change' AND entity = 'user' ORDER BY id DESC",
      )
      .first<{ principal: string; entity_id: string; details: string }>();
    expect(audit).toMatchObject({ principal: 'session:manager', entity_id: String(world.users.managerB.id) });
    expect(JSON.parse(audit!.details)).toEqual({ op: 'lang', changes: { lang: { from: 'ru', to: 'en' } } });

    // Another browser: a new session, no language cookie at all; signing in tells it the language (for its sign-in page later).
    const signIn = await w.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: world.users.managerB.email, password: PASSWORD }),
    });
    expect(signIn.headers.get('set-cookie')).toMatch(/(^|, )voronka_lang=en; Max-Age=31536000; Path=\//);
    const second = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const html = await (await w.fetch('/app/clients', { headers: { ...NAVIGATE, cookie: second } })).text();
    expect(html).toContain('<html lang="en">');
    expect(currentOf(html)).toEqual(['Clients']);
    // The header script's strings (the «My day» badge's tooltip among them) come in English too.
    expect(html).toContain('"menu.todayCount":"Overdue tasks: {overdue}, missed calls: {missed}"');
    expect(await (await w.fetch('/api/me', { headers: { cookie: second } })).json()).toMatchObject({ lang: 'en' });

    // Saying the same again changes nothing and writes no second audit row.
    const again = await patchMe(second, { lang: 'en' });
    expect(await again.json()).toEqual({ lang: 'en', changed: false });
    const rows = await w.db
      .prepare('SELECT count(*) AS n FROM audit_log WHERE entity = \'user\' AND entity_id = ? AND details LIKE \'%"op":"lang"%\'')
      .bind(String(world.users.managerB.id))
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
    expect((await patchMe(second, { lang: 'ru' })).status).toBe(200);
  });

  test('an API caller still gets error messages by its Accept-Language, whatever his setting', async () => {
    const cookie = await sessionCookie(w, 'managerA');
    const res = await patchMe(cookie, { lang: 'de' }, { 'accept-language': 'en' });
    type Refusal = { error: { message: string; fields: { field: string; message: string }[] } };
    expect(res.status).toBe(400);
    const en = (await res.json()) as Refusal;
    expect(en.error.fields.map((f) => f.field)).toEqual(['body.lang']);
    expect(en.error.message).not.toMatch(/[а-яё]/i);
    const ru = (await (await patchMe(cookie, { lang: 'de' }, { 'accept-language': 'ru' })).json()) as Refusal;
    expect(ru.error.message).toMatch(/[а-яё]/i);
  });

  test('the admin sets a user’s language on the users page’s API; the user’s pages follow', async () => {
    const admin = await sessionCookie(w, 'admin');
    const res = await w.fetch(`/api/users/${world.users.managerC.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ lang: 'en' }),
    });
    expect(await res.json()).toEqual({ id: world.users.managerC.id, changed: ['lang'] });
    const html = await (await w.fetch('/app/tasks', { headers: { ...NAVIGATE, cookie: await sessionCookie(w, 'managerC') } })).text();
    expect(html).toContain('<html lang="en">');
    const users = await (await w.fetch('/app/admin/users', { headers: { ...NAVIGATE, cookie: admin } })).text();
    expect(users).toMatch(new RegExp(`<tr data-user="${world.users.managerC.id}"[\\s\\S]*?data-lang-cell="true">Английский</td>`));
  });
});
