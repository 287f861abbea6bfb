import { cyrillicWords, interfaceText } from '../helpers/interface-text';
import { lateCounterpartyCase, pushOnec } from '../helpers/onec-push';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * The admin's, sync, audit, tokens and import pages and sign-in, fully in the catalogue: for a user
 * whose setting is English nothing Russian is left in `main` but data (names, stored reasons, payloads
 * — marked `translate="no"`/`data-value`); for a Russian one the pages read as before.
 */
let w: TestWorker;
let admin: string;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  // Something on every page: a 1C document refused (its counterparty has not come), one with a bad signature.
  const { invoice } = lateCounterpartyCase('55555555');
  await pushOnec(w, [invoice]);
  await pushOnec(w, [invoice], 'wrong-secret');
  admin = await sessionCookie(w, 'admin');
  // The audit trail gets a card view and a change of its own.
  await w.fetch(`/api/companies/${world.companies.ofA}`, { headers: { cookie: admin } });
});
afterAll(() => w?.dispose());

const NAVIGATE = { accept: 'text/html', 'sec-fetch-mode': 'navigate' };
const PAGES = ['/app/admin/users', '/app/admin/integrations', '/app/sync', '/app/audit', '/app/tokens', '/app/import'] as const;

async function page(path: string, cookie: string) {
  const res = await w.fetch(path, { headers: { ...NAVIGATE, cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

async function setLang(cookie: string, lang: 'ru' | 'en') {
  const res = await w.fetch('/api/me', {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ lang }),
  });
  expect(res.status).toBe(200);
}

describe('in English', () => {
  beforeAll(() => setLang(admin, 'en'));
  afterAll(() => setLang(admin, 'ru'));

  test.each(PAGES)('%s has no Russian in main outside data', async (path) => {
    const html = await page(path, admin);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<main>');
    expect(cyrillicWords(interfaceText(html))).toEqual([]);
  });

  test('the data stays as stored: names as stored, refused reasons explained in English', async () => {
    const users = await page('/app/admin/users', admin);
    expect(users).toContain('Анна Менеджер');
    const sync = await page('/app/sync', admin);
    expect(sync).toContain('It refers to something Voronka does not have yet');
    expect(sync).toContain('Signature refused: the signature does not match: the sender has another secret.');
  });

  test('the scripts get their strings in English through the JSON island', async () => {
    const users = await page('/app/admin/users', admin);
    const island = JSON.parse(/<script type="application\/json" id="users-text">([\s\S]*?)<\/script>/.exec(users)![1]!);
    expect(island['admin.users.confirmHandOver']).toBe('Confirm handing over {clients} clients');
    const tokens = await page('/app/tokens', admin);
    expect(tokens).toContain('"tokens.secretOnce":"Copy it now — the secret will not be shown again:"');
  });

  test('sign-in follows the cookie the switch set', async () => {
    const html = await page('/sign-in', 'voronka_lang=en');
    expect(cyrillicWords(interfaceText(html))).toEqual([]);
  });
});

describe('in Russian (the default)', () => {
  test('the same pages speak Russian with the words they always had', async () => {
    const expected: Record<(typeof PAGES)[number], string[]> = {
      '/app/admin/users': ['Пользователи', 'Уходящего сотрудника сначала освободите от клиентов', 'Внутр. номер', 'Добавить пользователя'],
      '/app/admin/integrations': ['Интеграции', 'Адрес для провайдера:', 'Манго Офис', 'Как задать недостающее', 'Проверить'],
      '/app/sync': ['Синхронизация', 'По источникам', 'Ждут повтора: ', 'Ссылается на то, чего в Воронке ещё нет'],
      '/app/audit': ['Журнал аудита', 'Когда (МСК)', 'Открыл карточку клиента', 'Скачать CSV'],
      '/app/tokens': ['Токены', 'Виджет 1С (только чтение)', 'Выпустить'],
      '/app/import': ['Импорт клиентов из Excel', '"import.checkNote":"Дубликаты, у которых ответственный — тот же'],
    };
    for (const path of PAGES) {
      const html = await page(path, admin);
      expect(html).toContain('<html lang="ru">');
      expect(html).toContain('<main>');
      for (const words of expected[path]) expect(html).toContain(words);
    }
  });
});
