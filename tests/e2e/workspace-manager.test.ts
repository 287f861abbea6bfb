import type { Page } from 'puppeteer-core';
import { localDate } from '../../worker/src/platform/time';
import { launchBrowser, type TestBrowser, saveScreenshot } from '../helpers/browser';
import { TEST_NOW } from '../helpers/clock';
import type { PageElement } from '../helpers/dom';
import { suggestionsFor } from '../helpers/search-box';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * The manager's day in Chromium, by clicking and typing only (issue 17): from «Мой день» he takes a
 * missed call from his region's queue and calls back through the PBX, completes a task, moves another;
 * on the card he adds a note, a task and a contact, opens a lead with a subject at a chosen stage, fixes
 * a contact's phone (then finds the client by it), logs a mail with its text; he puts the completed
 * task back to work; he creates a client and meets the 409 of a duplicate ИНН as a
 * link to its holder. Once at 1440×900, once at 390×844; screenshots in docs/screenshots/.
 */
const H = 3_600_000;
const now = TEST_NOW;

let server: TestWorker;
let chromium: TestBrowser;

/** Per viewport its own rows: a queued missed call, a task to complete, a task to move, a new client's ИНН. */
const VIEWPORTS = [
  { width: 1440, height: 900, base: 700, inn: '7740000076', name: 'today-1440' },
  { width: 390, height: 844, base: 800, inn: '7713076301', name: 'today-390' },
] as const;

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true, bindings: { TELEPHONY_PROVIDER: 'sandbox' } });
  await seedWorld(server);
  const s = (sql: string, ...args: unknown[]) => server.db.prepare(sql).bind(...args);
  await server.db.batch([
    s('UPDATE companies SET revenue_24m = 84000000 WHERE id = 101'),
    ...VIEWPORTS.flatMap(({ base }) => [
      s(
        `INSERT INTO events (id, kind, source, external_id, occurred_at, direction, call_result, counterpart, region_id, created_at)
         VALUES (?, 'call', 'mango', ?, ?, 'in', 'missed', '+74957650000', 1, ?)`,
        base,
        `e2e-missed-${base}`,
        now - 20 * 60_000,
        now,
      ),
      s(
        `INSERT INTO tasks (id, user_id, region_id, company_id, kind, title, due_at, source_event_id, created_at)
         VALUES (?, NULL, 1, 103, 'callback', 'Перезвонить: пропущенный звонок', ?, ?, ?)`,
        base + 1,
        now - 20 * 60_000,
        base,
        now,
      ),
      s(
        `INSERT INTO tasks (id, user_id, company_id, kind, title, due_at, created_at) VALUES
         (?, 4, 101, 'follow_up', 'Отправить счёт', ?, ?), (?, 4, 101, 'custom', 'Уточнить объём', ?, ?)`,
        base + 2,
        now - 2 * H,
        now - 86_400_000,
        base + 3,
        now - H,
        now - 86_400_000,
      ),
    ]),
  ]);
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

const at = (path: string) => new URL(path, server.url).toString();
const row = (key: string) => `#work li[data-key="${key}"]`;
const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.trim() ?? '');
const db = <T>(sql: string, ...args: unknown[]) =>
  server.db
    .prepare(sql)
    .bind(...args)
    .first<T>();

/** Clicks and waits for the reload the click causes. */
async function clickAndReload(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

describe.each(VIEWPORTS)('a manager works his day at $width×$height', ({ width, height, base, inn, name }) => {
  let page: Page;
  const queued = `task:${base + 1}`;
  const toComplete = `task:${base + 2}`;
  const toMove = `task:${base + 3}`;

  beforeAll(async () => {
    page = await (await chromium.browser.createBrowserContext()).newPage();
    await page.setViewport({ width, height });
    // The manager's own clock: a moved task lands at 10:00 Moscow time of the chosen day.
    await page.emulateTimezone('Europe/Moscow');
  });

  it('signs in and lands on «Мой день»', async () => {
    await page.goto(at('/app'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.type('#email', world.users.managerA.email);
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
    if (new URL(page.url()).pathname !== '/app/today') await page.waitForNavigation();
    expect(new URL(page.url()).pathname).toBe('/app/today');
    expect(await text(page, 'h1')).toBe('Мой день');
    // The biggest money first: Кровля А's 840 000 ₽ rows before the pool client's missed call.
    const keys = await page.$$eval('#work li[data-key]', (els) => els.map((el) => (el as unknown as PageElement).getAttribute('data-key')));
    expect(keys.indexOf(toComplete)).toBeLessThan(keys.indexOf(queued));
    expect(await text(page, row(queued))).toContain('очередь региона');
    await page.waitForSelector('#menu-today-count:not([hidden])');
    expect(Number(await text(page, '#menu-today-count'))).toBeGreaterThanOrEqual(3);
  });

  it('returns a missed call: takes it from the queue, then calls through the PBX', async () => {
    await clickAndReload(page, `${row(queued)} button[data-action="take"]`);
    expect(await text(page, row(queued))).not.toContain('очередь региона');
    const taken = await db<{ user_id: number }>('SELECT user_id FROM tasks WHERE id = ?', base + 1);
    expect(taken?.user_id).toBe(world.users.managerA.id);
    await page.click(`${row(queued)} button[data-action="call"]`);
    await page.waitForFunction(
      (sel) =>
        (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document
          .querySelector(sel)
          ?.textContent?.includes('АТС'),
      {},
      `${row(queued)} .result`,
    );
    expect(await text(page, `${row(queued)} .result`)).toBe('АТС соединяет вас с +74957650000: возьмите трубку');
  });

  it('completes a task and moves another to a later day', async () => {
    await clickAndReload(page, `${row(toComplete)} button[data-action="done"]`);
    expect(await page.$(row(toComplete))).toBeNull();
    expect((await db<{ done_at: number | null }>('SELECT done_at FROM tasks WHERE id = ?', base + 2))?.done_at).toBe(now);

    const day = localDate(now + 3 * 86_400_000, 'Europe/Moscow');
    const input = `${row(toMove)} input[type="date"]`;
    await page.focus(input);
    const [y, m, d] = day.split('-');
    // Chromium's date field takes the digits in its locale's order (en-US: month, day, year).
    await page.keyboard.type(`${m}${d}${y}`);
    expect(await page.$eval(input, (el) => (el as unknown as { value: string }).value)).toBe(day);
    await saveScreenshot(page, `${name}.png`, { fullPage: true });
    await clickAndReload(page, `${row(toMove)} button[type="submit"]`);
    expect(await page.$(row(toMove))).toBeNull();
    const moved = await db<{ due_at: number }>('SELECT due_at FROM tasks WHERE id = ?', base + 3);
    expect(new Date(moved!.due_at).toISOString()).toBe(`${day}T07:00:00.000Z`);
  });

  it('opens the card from the day and adds a note and a task in the composer', async () => {
    await page.goto(at('/app/tasks'));
    await clickAndReload(page, `#work li[data-company="101"] a[href="/app/clients/101"]`);
    expect(new URL(page.url()).pathname).toBe('/app/clients/101');
    const note = `Клиент просит доставку к 10:00 (${width})`;
    await page.type('#f-note', note);
    await clickAndReload(page, '#composer form[data-form="note"] button[type="submit"]');
    expect(await text(page, '.timeline')).toContain(note);

    await page.click('#composer [data-tab="task"]');
    const title = `Позвонить после доставки (${width})`;
    await page.type('#composer form[data-form="task"] #f-title', title);
    await page.focus('#composer form[data-form="task"] #f-due');
    const [y, m, d] = localDate(now + 86_400_000, 'Europe/Moscow').split('-');
    await page.keyboard.type(`${m}${d}${y}`);
    await clickAndReload(page, '#composer form[data-form="task"] button[type="submit"]');
    const task = await db<{ user_id: number; company_id: number; due_at: number }>(
      'SELECT user_id, company_id, due_at FROM tasks WHERE title = ?',
      title,
    );
    expect(task).toEqual({ user_id: world.users.managerA.id, company_id: 101, due_at: Date.parse(`${y}-${m}-${d}T07:00:00Z`) });

    // A new contact: the phone typed the Russian way lands in contact_points as E.164.
    await page.click('#composer [data-tab="contact"]');
    await page.type('#f-contactName', `Ольга Снабженец ${width}`);
    await page.type('#f-phone', width === 1440 ? '8 (495) 111-14-40' : '+7 495 111 03 90');
    await clickAndReload(page, '#composer form[data-form="contact"] button[type="submit"]');
    expect(await text(page, '.cols')).toContain(`Ольга Снабженец ${width}`);
    const point = await db<{ value: string }>(
      "SELECT cp.value FROM contact_points cp JOIN contacts c ON c.id = cp.contact_id WHERE c.name = ? AND cp.kind = 'phone'",
      `Ольга Снабженец ${width}`,
    );
    expect(point?.value).toBe(width === 1440 ? '+74951111440' : '+74951110390');
  });

  it('opens a lead with a subject at a later stage, chosen in the form; the card lists it by subject and stage', async () => {
    await page.click('#composer [data-tab="lead"]');
    const subject = `Кровля на склад, 1200 м² (${width})`;
    await page.type('#f-leadSubject', subject);
    await page.select('#f-stageId', 'proposal');
    await page.type('#f-amount', '480000');
    await clickAndReload(page, '#composer form[data-form="lead"] button[type="submit"]');
    const leads = await page.$$eval('table.list tbody tr', (rows) =>
      rows.map((r) => Array.from((r as unknown as { cells: ArrayLike<PageElement> }).cells, (td) => td.textContent?.trim() ?? '')),
    );
    expect(leads).toContainEqual([`ООО "Кровля А" — ${subject}`, 'КП отправлено', '480\u00a0000,00\u00a0₽', expect.any(String)]);
    const lead = await db<{ stage_id: string; subject: string; reason: string }>(
      'SELECT l.stage_id, l.subject, sc.reason FROM leads l JOIN stage_changes sc ON sc.lead_id = l.id WHERE l.subject = ?',
      subject,
    );
    expect(lead).toEqual({ stage_id: 'proposal', subject, reason: 'создан менеджером' });
  });

  it("fixes a contact's phone typed wrongly; the new phone finds the client in the header search", async () => {
    const contact = await db<{ id: number }>('SELECT id FROM contacts WHERE name = ?', `Ольга Снабженец ${width}`);
    await page.click(`[data-edit-contact="${contact!.id}"]`);
    const form = `form[data-contact-form="${contact!.id}"]`;
    await page.waitForSelector(`${form}:not([hidden])`);
    const phone = `${form} input[name="phone"]`;
    await page.click(phone, { count: 3 });
    await page.keyboard.press('Backspace');
    const fixed = width === 1440 ? '8 (495) 111-14-41' : '+7 495 111 03 91';
    await page.type(phone, fixed);
    await saveScreenshot(page, `card-${width}.png`, { fullPage: true });
    await clickAndReload(page, `${form} button[type="submit"]`);
    const e164 = width === 1440 ? '+74951111441' : '+74951110391';
    const points = await server.db
      .prepare("SELECT value FROM contact_points WHERE contact_id = ? AND kind = 'phone'")
      .bind(contact!.id)
      .all<{ value: string }>();
    expect(points.results.map((p) => p.value)).toEqual([e164]);

    const typed = width === 1440 ? '111-14-41' : '8 495 111-03-91';
    await page.type('#search-q', typed);
    const found = await suggestionsFor(page, typed);
    expect(found).toEqual(['ООО "Кровля А"']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it("logs a mail with its text: the timeline shows the mail's first lines", async () => {
    await page.click('#composer [data-tab="mail"]');
    await page.type('#composer form[data-form="mail"] #f-subject', `КП на кровлю (${width})`);
    await page.type('#f-mail-text', `Добрый день! Высылаю КП на кровлю склада (${width}).\n\n> Пришлите КП`);
    await clickAndReload(page, '#composer form[data-form="mail"] button[type="submit"]');
    expect(await text(page, '.timeline')).toContain(`КП на кровлю (${width})`);
    expect(await text(page, '.timeline .snippet')).toBe(`Добрый день! Высылаю КП на кровлю склада (${width}).`);
  });

  it('puts a done task back to work from «Выполненные»', async () => {
    await page.goto(at('/app/tasks'));
    await clickAndReload(page, '.tabs a[data-tab="done"]');
    await clickAndReload(page, `${row(toComplete)} button[data-action="reopen"]`);
    expect(await page.$(row(toComplete))).toBeNull();
    expect((await db<{ done_at: number | null }>('SELECT done_at FROM tasks WHERE id = ?', base + 2))?.done_at).toBeNull();
    await clickAndReload(page, '.tabs a[data-tab="mine"]');
    expect(await text(page, row(toComplete))).toContain('Отправить счёт');
  });

  it('creates a client: a duplicate ИНН links to its holder, a double click on «Создать» makes one', async () => {
    await page.goto(at('/app/clients'));
    await clickAndReload(page, '#new-client-link');
    expect(await text(page, 'h1')).toBe('Новый клиент');
    await page.type('#f-name', `ООО "Новый ${width}"`);
    // Кровля А's ИНН and КПП (a branch with another КПП would be a different company).
    await page.type('#f-inn', '7707083893');
    await page.type('#f-kpp', '770101001');
    await page.type('#f-phone', width === 1440 ? '8 (495) 700-14-40' : '+7 495 700 03 90');
    await page.click('#new-client button[type="submit"]');
    await page.waitForSelector('#new-client-message a.holder');
    expect(await text(page, '#new-client-message')).toContain('ИНН 7707083893 уже есть');
    expect(await page.$eval('#new-client-message a.holder', (el) => (el as unknown as PageElement).getAttribute('href'))).toBe(
      '/app/clients/101',
    );
    await saveScreenshot(page, `new-client-${width}.png`, { fullPage: true });

    await page.click('#f-inn', { clickCount: 3 });
    await page.keyboard.type(inn);
    await page.click('#f-kpp', { clickCount: 3 });
    await page.keyboard.press('Backspace');
    await Promise.all([page.waitForNavigation(), page.click('#new-client button[type="submit"]', { clickCount: 2 })]);
    expect(await text(page, 'h1')).toBe(`ООО "Новый ${width}"`);
    expect((await db<{ n: number }>('SELECT count(*) AS n FROM companies WHERE inn = ?', inn))?.n).toBe(1);
  });
});

describe('the admin picks a region on «Мой день»', () => {
  it('sees all regions, then one region’s day by choosing it in «Регион»', async () => {
    const page = await (await chromium.browser.createBrowserContext()).newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(at('/app'));
    await page.type('#email', world.users.admin.email);
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
    if (new URL(page.url()).pathname !== '/app/today') await page.waitForNavigation();
    expect(await text(page, '#region option:checked')).toBe('Все регионы');
    // Choosing a region shows its day at once (no button press needed).
    await Promise.all([page.waitForNavigation(), page.select('#region', String(world.regions.vvo))]);
    expect(await text(page, '#region option:checked')).toBe('Приморский край');
    expect(await page.$('#work li[data-key]')).toBeNull();
    await Promise.all([page.waitForNavigation(), page.select('#region', String(world.regions.msk))]);
    expect(await text(page, '.card p.muted')).toContain('Работа региона «Москва»');
    const keys = await page.$$eval('#work li[data-key]', (els) => els.map((el) => (el as unknown as PageElement).getAttribute('data-key')));
    expect(keys).toContain(`task:${VIEWPORTS[0].base + 2}`);
    await page.close();
  });
});
