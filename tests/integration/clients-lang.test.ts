import { at } from '../helpers/clock';
import { cyrillicWords, interfaceText } from '../helpers/interface-text';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * Issue 17, «all strings in one catalogue»: the clients list, the client card (details, contacts,
 * leads, timeline, deviations, composer), «Новый клиент», «Мой день» (a manager's and a head's) and
 * /app/tasks render fully in the signed-in user's language (users.lang). In English nothing Russian
 * is left in `main` but data — names of clients, people, stages, subjects, notes, stored texts —
 * marked `translate="no"`; in Russian the pages read as before. Friday 20 November 2026, 15:00 Moscow.
 */
let w: TestWorker;
const NOW = at('2026-11-20T15:00:00+03:00');
const H = 3_600_000;
const D = 24 * H;
const A = world.users.managerA.id;
const CARD = `/app/clients/${world.companies.ofA}`;

beforeAll(async () => {
  w = await startWorker({ now: NOW });
  await seedWorld(w);
  const s = (q: string, ...args: unknown[]) => w.db.prepare(q).bind(...args);
  await w.db.batch([
    s('UPDATE companies SET revenue_24m = 20000000, last_touch_at = ? WHERE id = 101', NOW - 40 * D),
    // A lead named by its subject, one by how it came (a call three days ago, past «new»'s deadline).
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, subject, created_at, stage_entered_at) VALUES
       (901, 101, 1, ?, 'new', 50000000, 'call', NULL, ?, ?), (902, 101, 1, ?, 'new', 0, 'manual', 'Кровля на склад', ?, ?)`,
      A,
      NOW - 3 * D,
      NOW - 3 * D,
      A,
      NOW - H,
      NOW - H,
    ),
    // A task overdue, one due today (of the lead without a subject), a done one.
    s(
      `INSERT INTO tasks (id, user_id, region_id, company_id, lead_id, kind, title, due_at, done_at, created_at) VALUES
       (951, ?, 1, 101, NULL, 'custom', 'Сверить акт', ?, NULL, ?), (952, ?, 1, 101, 901, 'custom', 'Отправить КП', ?, NULL, ?),
       (953, ?, 1, 101, NULL, 'custom', 'Позвонить в бухгалтерию', ?, ?, ?)`,
      A,
      NOW - D,
      NOW - 2 * D,
      A,
      NOW + 2 * H,
      NOW - 2 * D,
      A,
      NOW - 2 * D,
      NOW - D,
      NOW - 3 * D,
    ),
    // The timeline: a missed call, an answered one with its recording, two mails of one thread with an attachment, a note.
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, counterpart, lead_id, details, created_at) VALUES
       ('call', 'mango', 'lang-c1', ?, 101, ?, 1, 'in', 0, 'missed', '+74951234567', NULL, NULL, ?),
       ('call', 'mango', 'lang-c2', ?, 101, ?, 1, 'out', 312, 'answered', '+74951234567', 901, ?, ?)`,
      NOW - 5 * H,
      A,
      NOW,
      NOW - 4 * H,
      A,
      JSON.stringify({ callId: 'c-2', provider: 'mango', recordingUrl: 'https://records.example/c-2.mp3' }),
      NOW,
    ),
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, direction, counterpart, subject, details, created_at) VALUES
       ('mail', 'mail', 'lang-m1', ?, 101, 'in', 'ivan@krovlya.ru', 'Re: КП на профлист', ?, ?),
       ('mail', 'mail', 'lang-m2', ?, 101, 'in', 'ivan@krovlya.ru', 'Re: КП на профлист', ?, ?)`,
      NOW - 3 * H,
      JSON.stringify({
        messageId: '<m1@krovlya.ru>',
        threadId: '<m1@krovlya.ru>',
        snippet: 'Добрый день! Пришлите счёт.',
        attachments: [],
      }),
      NOW,
      NOW - 2 * H,
      JSON.stringify({
        messageId: '<m2@krovlya.ru>',
        threadId: '<m1@krovlya.ru>',
        snippet: 'Реквизиты во вложении',
        attachments: [{ name: 'Реквизиты.pdf', size: 48_200 }],
      }),
      NOW,
    ),
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, subject, created_at)
       VALUES ('note', 'manual', 'lang-n1', ?, 101, ?, 1, 'Просили перезвонить после обеда', ?)`,
      NOW - H,
      A,
      NOW,
    ),
  ]);
});
afterAll(() => w?.dispose());

const PAGES = [
  { name: 'the clients list', who: 'managerA', path: '/app/clients' },
  { name: 'the clients list, filtered to nothing', who: 'headA', path: '/app/clients?q=zzzz' },
  { name: 'a card with leads, contacts, timeline and deviations', who: 'managerA', path: CARD },
  { name: 'the head’s card (assign)', who: 'headA', path: CARD },
  { name: 'a card not found', who: 'managerA', path: '/app/clients/999999' },
  { name: '«Новый клиент»', who: 'managerA', path: '/app/clients/new' },
  { name: '«Мой день» of a manager', who: 'managerA', path: '/app/today' },
  { name: '«Мой день» of a head', who: 'headA', path: '/app/today' },
  { name: '«Мой день» of the admin (region picker)', who: 'admin', path: '/app/today?region=1' },
  { name: 'the tasks', who: 'managerA', path: '/app/tasks' },
  { name: 'the done tasks', who: 'managerA', path: '/app/tasks?tab=done' },
  { name: 'the region queue of a head', who: 'headA', path: '/app/tasks?tab=queue' },
] as const;
type Who = (typeof PAGES)[number]['who'];

const NAVIGATE = { accept: 'text/html', 'sec-fetch-mode': 'navigate' };

/** A page as `who` sees it with his language setting (users.lang) set to `lang`. */
async function page(who: Who, path: string, lang: 'ru' | 'en') {
  await w.db.prepare('UPDATE users SET lang = ? WHERE id = ?').bind(lang, world.users[who].id).run();
  const res = await w.fetch(path, { headers: { ...NAVIGATE, cookie: await sessionCookie(w, who) } });
  return { status: res.status, html: await res.text() };
}

const island = (html: string, id: string) =>
  JSON.parse(new RegExp(`<script type="application/json" id="${id}"[^>]*>([^<]*)</script>`).exec(html)![1]!) as Record<string, string>;

describe('in English', () => {
  test.each(PAGES)('$name: no Russian in main outside data', async ({ who, path }) => {
    const { status, html } = await page(who, path, 'en');
    expect(status).toBe(path === '/app/clients/999999' ? 404 : 200);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<main>');
    expect(cyrillicWords(interfaceText(html))).toEqual([]);
  });

  test('the card: the words are English, the data as stored', async () => {
    const { html } = await page('managerA', CARD, 'en');
    const text = interfaceText(html);
    for (const words of ['INN / KPP', 'Open leads', 'Timeline', 'Missed call', 'Outgoing call', 'Incoming mail', 'Note', 'Deviations'])
      expect(text).toContain(words);
    expect(text).toContain('2 mails in the thread');
    expect(text).toContain('(47 KB)');
    expect(text).toContain('Call recording');
    expect(text).toContain('— call of 17.11.2026');
    expect(text).toContain('Save the note');
    // Data stays as stored, marked.
    expect(html).toMatch(/translate="no"[^>]*>ООО &quot;Кровля А&quot;/);
    expect(html).toContain('Просили перезвонить после обеда');
    expect(html).toMatch(/translate="no"[^>]*>ООО &quot;Кровля А&quot; — Кровля на склад</);
    expect(island(html, 'card-text')['card.releaseConfirm']).toBe('Return the client to the region pool?');
    // The shared form helpers (pages/src/lib/forms.ts): field messages and a duplicate's link.
    expect(island(html, 'forms-text')['clients.openCard']).toBe('Open the card of «{name}»');
    const fresh = await page('managerA', '/app/clients/new', 'en');
    expect(island(fresh.html, 'forms-text')['clients.checkMarked']).toBe('Check the marked fields');
  });

  test('«Мой день» and the tasks: rows, counters and actions in English', async () => {
    const todayHtml = (await page('managerA', '/app/today', 'en')).html;
    const today = interfaceText(todayHtml);
    expect(today).toContain('My day');
    expect(today).toContain('Overdue tasks:');
    expect(today).toMatch(/overdue, due 19\.11\.2026/);
    // The row's lead is data (client, subject), its origin words in English.
    expect(todayHtml).toContain('ООО &quot;Кровля А&quot; — call of 17.11.2026');
    expect(today).toContain('Move');
    const tasks = await page('managerA', '/app/tasks?tab=done', 'en');
    expect(interfaceText(tasks.html)).toContain('Back to work');
    expect(island(tasks.html, 'today-text')['clients.pbxCalling']).toBe('The PBX is connecting you to {phone}: pick up the phone');
  });
});

describe('in Russian (the default)', () => {
  test.each(PAGES)('$name: a Russian page', async ({ who, path }) => {
    const { html } = await page(who, path, 'ru');
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<main>');
  });

  test('the words read as before', async () => {
    const card = interfaceText((await page('managerA', CARD, 'ru')).html);
    for (const words of ['ИНН / КПП', 'Открытые интересы', 'Лента событий', 'Звонок пропущенный', 'в переписке 2 письма', '(47 КБ)'])
      expect(card).toContain(words);
    expect(card).toContain('— звонок от 17.11.2026');
    const todayHtml = (await page('managerA', '/app/today', 'ru')).html;
    const today = interfaceText(todayHtml);
    expect(today).toContain('Мой день');
    expect(today).toContain('просрочена, срок 19.11.2026');
    expect(todayHtml).toContain('ООО &quot;Кровля А&quot; — звонок от 17.11.2026');
    const list = interfaceText((await page('headA', '/app/clients', 'ru')).html);
    expect(list).toContain('Последний контакт');
    expect(list).toContain('Новый клиент');
    const fresh = await page('managerA', '/app/clients/new', 'ru');
    expect(island(fresh.html, 'new-client-text')['clients.new.needName']).toBe('Укажите название');
  });
});
