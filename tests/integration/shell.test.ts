import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, type UserKey } from '../helpers/world';

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
const menuOf = (html: string) => [...(/<nav id="menu"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '').matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)];
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
      'Главная',
      'Клиенты',
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

  test('the user who chose English gets English sign-in and shell; untranslated bodies say they are Russian', async () => {
    const signIn = await open('/sign-in', null, { ...NAVIGATE, cookie: 'voronka_lang=en' });
    expect(signIn.text).toContain('<html lang="en">');
    expect(signIn.text).toContain('Sign in to Voronka');
    const cookie = `${await sessionCookie(w, 'managerA')}; voronka_lang=en`;
    const res = await w.fetch('/app/clients', { headers: { ...NAVIGATE, cookie } });
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<main lang="ru">');
    expect(currentOf(html)).toEqual(['Clients']);
  });
});
