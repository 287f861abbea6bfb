import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser, saveScreenshot } from '../helpers/browser';
import { formatDayTime } from '../../schema/domain/format-ru';
import { TEST_NOW, TEST_NOW_S } from '../helpers/clock';
import type { PageElement, PageGlobals } from '../helpers/dom';
import { lateCounterpartyCase, pushOnec } from '../helpers/onec-push';
import { standardWebhookHeaders } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * Pages rendered from components with their scripts from the pages build (/app/<name>.js), driven
 * as the admin does: sign in through the form, replay a refused 1C document on the integrations page.
 */
let server: TestWorker;
let chromium: TestBrowser;
let page: Page;

async function push(items: Record<string, unknown>[]) {
  expect((await pushOnec(server, items)).status).toBeLessThan(500);
}
const text = (selector: string) => page.$eval(selector, (el) => (el as unknown as PageElement).textContent ?? '');

/**
 * Two leaving managers of region 1 with books of their own: Глеб with 81 clients (the case),
 * 40 open leads and 27 open tasks on them, Дарья with 6 clients; handed over at 1440 and at 390 px.
 */
const LEAVING = {
  1440: { id: 7, name: 'Глеб Уходящий', first: 1001, clients: 81 },
  390: { id: 8, name: 'Дарья Уходящая', first: 1101, clients: 6 },
} as const;

async function seedLeaving() {
  const s = (sql: string, ...args: unknown[]) => server.db.prepare(sql).bind(...args);
  const rows = [];
  for (const m of Object.values(LEAVING)) {
    rows.push(
      s(
        "INSERT INTO users (id, email, name, role, password_hash, time_zone, active, created_at) VALUES (?, ?, ?, 'manager', 'x', 'Europe/Moscow', 1, 0)",
        m.id,
        `leaving${m.id}@test.ru`,
        m.name,
      ),
      s('INSERT INTO user_regions (user_id, region_id) VALUES (?, 1)', m.id),
    );
    for (let id = m.first; id < m.first + m.clients; id++) {
      rows.push(
        s(
          "INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at) VALUES (?, ?, ?, 1, ?, 'client', 0, 0)",
          id,
          `ООО "Книга ${id}"`,
          `книга ${id}`,
          m.id,
        ),
      );
      if (id % 2 === 0) {
        rows.push(
          s(
            "INSERT INTO leads (company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES (?, 1, ?, 'new', 'manual', 0, 0)",
            id,
            m.id,
          ),
        );
      }
      if (id % 3 === 0)
        rows.push(s("INSERT INTO tasks (user_id, company_id, title, due_at, created_at) VALUES (?, ?, 'Позвонить', 0, 0)", m.id, id));
    }
  }
  await server.db.batch(rows);
}

/** 190 events from a relay that leaves out `timestamp`: signed, so each is read and refused with its reason. */
async function sendUnreadableEvents(n: number) {
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({ type: 'call.ringing', call_id: `relay-${i}`, direction: 'in', from: '+74951110000' });
    const res = await server.fetch('/hooks/telephony/generic', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...standardWebhookHeaders(body, `relay-${i}`, TEST_NOW_S) },
      body,
    });
    expect(res.status).toBe(400);
  }
}

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true });
  await seedWorld(server);
  await seedLeaving();
  await sendUnreadableEvents(190);
  chromium = await launchBrowser();
  page = await chromium.browser.newPage();
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

describe('sign-in page', () => {
  it('shows the server’s reason for a wrong password, then signs in and goes to the page asked for', async () => {
    await page.goto(new URL('/sign-in?next=/app/sync', server.url).toString());
    await page.type('#email', world.users.admin.email);
    await page.type('#password', 'не тот пароль');
    await page.click('#sign-in button[type="submit"]');
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.querySelector('#message')?.getAttribute('class') === 'error',
    );
    expect(await text('#message')).toMatch(/парол/i);

    await page.$eval('#password', (el) => {
      (el as unknown as { value: string }).value = '';
    });
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/app/sync');
  });
});

describe('integrations page', () => {
  it('lists a refused 1C document and «Повторить» applies it once its counterparty has arrived', async () => {
    const { invoice, counterparty } = lateCounterpartyCase('77777777');
    await push([invoice]);
    await push([counterparty]);
    await page.goto(new URL('/app/sync', server.url).toString());
    expect(await page.$eval('html', (el) => (el as unknown as PageElement).getAttribute('lang'))).toBe('ru');
    const button = await page.waitForSelector('[data-replay]');

    await button!.click();

    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.querySelector('[data-replay]')?.textContent === 'Принято',
    );
    expect(await server.db.prepare('SELECT count(*) AS n FROM onec_documents WHERE ref_key = ?').bind(invoice.Ref_Key).first()).toEqual({
      n: 1,
    });
  });
});

describe('tokens page', () => {
  it('issues an embed token: the secret once, then each widget’s 1C address and snippet; the list shows it until revoked', async () => {
    await page.goto(new URL('/app/tokens', server.url).toString());
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.querySelector('#tokens')?.textContent === 'Токенов пока нет',
    );
    await page.type('#name', '1С <главная>');

    await page.click('#new-token button[type="submit"]');

    await page.waitForSelector('#secret');
    const secret = await text('#secret');
    expect(secret).toMatch(/^vke_/);
    // An admin is offered all three widgets; the address carries the secret, the snippet loads embed.js.
    expect(await page.$$eval('.widget-choice', (els) => els.map((e) => (e as unknown as PageElement).getAttribute('data-widget')))).toEqual(
      ['today', 'month', 'region'],
    );
    expect(await text('#url-month')).toBe(`${server.url.origin}/w/month?t=${encodeURIComponent(secret)}`);
    expect(await text('#snippet-month')).toBe(
      `<script src="${server.url.origin}/w/embed.js" data-widget="month" data-token="${secret}"></script>`,
    );
    // The name is shown as text, never as markup.
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('#tokens [data-token-id]') !== null);
    expect(await text('#tokens [data-token-id] td:nth-child(2)')).toBe('1С <главная>');
    // Issued now, in the admin's own zone and the app's one date format.
    expect(await text('#tokens [data-token-id] td:nth-child(4)')).toBe(formatDayTime(TEST_NOW, 'Europe/Moscow'));

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#tokens [data-token-id] button');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document
          .querySelector('#tokens [data-token-id] td:last-child')
          ?.textContent?.startsWith('отозван') === true,
    );
    expect(await server.db.prepare('SELECT count(*) AS n FROM tokens WHERE revoked_at IS NOT NULL').first()).toEqual({ n: 1 });
  });

  it('«Выйти» in the header ends the session', async () => {
    await page.click('#sign-out');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).location.pathname === '/sign-in');
    const res = await page.goto(new URL('/app/sync', server.url).toString());
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(res?.status()).toBeLessThan(500);
  });
});

describe('users page', () => {
  it('hands a leaving manager’s clients to a colleague, then deactivates him after a confirmation; his session stops at once', async () => {
    // Борис (managerB) is leaving; his session in another browser context is alive until «Отключить».
    const his = await chromium.browser.createBrowserContext();
    const hisPage = await his.newPage();
    await hisPage.goto(new URL('/sign-in', server.url).toString());
    await hisPage.type('#email', world.users.managerB.email);
    await hisPage.type('#password', PASSWORD);
    await Promise.all([hisPage.waitForNavigation(), hisPage.click('#sign-in button[type="submit"]')]);
    const me = async () => (await hisPage.goto(new URL('/api/me', server.url).toString()))!.status();
    expect(await me()).toBe(200);

    // The admin signed out above: back in through the form, straight to the users page.
    await page.goto(new URL('/sign-in?next=/app/admin/users', server.url).toString());
    await page.type('#email', world.users.admin.email);
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/app/admin/users');
    const row = `tr[data-user="${world.users.managerB.id}"]`;
    await page.click(`${row} form[data-hand-over] input[value="${world.users.managerA.id}"]`);
    await page.click(`${row} form[data-hand-over] button[type="submit"]`);
    await page.waitForSelector(`${row} [data-confirm-hand-over]`);
    await page.click(`${row} [data-confirm-hand-over]`);
    await page.waitForFunction(() =>
      /Передано: клиентов 1/.test((globalThis as unknown as PageGlobals).document.querySelector('#users-status')?.textContent ?? ''),
    );
    expect(await server.db.prepare('SELECT owner_id FROM companies WHERE id = ?').bind(world.companies.ofB).first()).toEqual({
      owner_id: world.users.managerA.id,
    });

    // «Отключить» asks first: dismissing changes nothing.
    page.once('dialog', (d) => void d.dismiss());
    await page.click(`${row} [data-deactivate]`);
    expect(await me()).toBe(200);
    page.once('dialog', (d) => void d.accept());
    await page.click(`${row} [data-deactivate]`);
    await page.waitForFunction(
      (sel: string) => (globalThis as unknown as PageGlobals).document.querySelector(`${sel} [data-state]`)?.textContent === 'Отключён',
      {},
      row,
    );
    expect(await text('#users-status')).toMatch(/Борис Менеджер отключён: завершено сессий 1/);
    expect(await me()).toBe(401);
    await his.close();
  });
});

/** Goes to a page through the menu, opening it first on a phone (its «Меню» button). */
const menu = async (label: string) => {
  const toggle = await page.$('#menu-toggle');
  if (toggle && (await toggle.isVisible())) await toggle.click();
  const links = await page.$$('nav#menu a');
  for (const link of links) {
    if ((await link.evaluate((el) => (el as unknown as PageElement).textContent)) === label) {
      await Promise.all([page.waitForNavigation(), link.click()]);
      return;
    }
  }
  throw new Error(`no menu entry «${label}»`);
};
const texts = (selector: string) => page.$$eval(selector, (els) => els.map((e) => (e as unknown as PageElement).textContent ?? ''));
const waitText = (selector: string, pattern: RegExp) =>
  page.waitForFunction(
    (sel: string, source: string) =>
      new RegExp(source).test((globalThis as unknown as PageGlobals).document.querySelector(sel)?.textContent ?? ''),
    {},
    selector,
    pattern.source,
  );

describe.each([
  [1440, 900],
  [390, 844],
] as const)('the admin’s jobs at %i×%i', (width, height) => {
  const leaving = LEAVING[width];

  beforeAll(async () => {
    await page.setViewport({ width, height });
    // The admin was deactivating people above; he signs in again through the form and lands on the exchange page.
    await page.goto(new URL('/sign-in?next=/app/sync', server.url).toString());
    if (new URL(page.url()).pathname === '/sign-in') {
      await page.type('#email', world.users.admin.email);
      await page.type('#password', PASSWORD);
      await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
    }
    expect(new URL(page.url()).pathname).toBe('/app/sync');
  });

  it('checks each integration’s status and proves the generic PBX hook and Mango with «Проверить»', async () => {
    await menu('Интеграции');
    expect(new URL(page.url()).pathname).toBe('/app/admin/integrations');
    const states = await page.$$eval('[data-integration]', (cards) =>
      cards.map((c) => [c.getAttribute('data-integration'), (c as unknown as PageNodeLike).querySelector('[data-state]')?.textContent]),
    );
    expect(states).toEqual([
      ['mango', 'Настроено'],
      ['zadarma', 'Настроено'],
      ['generic', 'Настроено'],
      ['onec-push', 'Настроено'],
      ['onec-pull', 'Не настроено: не заданы ONEC_ODATA_URL, ONEC_ODATA_USER, ONEC_ODATA_PASSWORD'],
      ['mail', 'Не настроено: не заданы MAIL_OWN_DOMAINS'],
    ]);
    expect(await text('[data-integration="generic"] [data-url]')).toBe(`${server.url.origin}/hooks/telephony/generic`);

    for (const id of ['generic', 'mango']) {
      await page.click(`[data-integration="${id}"] [data-check]`);
      await waitText(`[data-integration="${id}"] [data-check-result]`, /^(Принято|Не принято|Ошибка)/);
      expect(await text(`[data-integration="${id}"] [data-check-result]`)).toMatch(
        /^Принято: подписанное тестовое событие прошло адрес \/hooks\/telephony\//,
      );
    }
    // The checks are kept as tests, and no call of a client came of them.
    expect(
      (await server.db.prepare("SELECT count(*) AS n FROM inbox WHERE reason LIKE 'проверка со страницы%'").first<{ n: number }>())!.n,
    ).toBe(width === 1440 ? 2 : 4);
    expect(
      (await server.db.prepare("SELECT count(*) AS n FROM calls WHERE call_id LIKE 'voronka-check-%'").first<{ n: number }>())!.n,
    ).toBe(0);
    await saveScreenshot(page, `admin-integrations-${width}.png`, { fullPage: true });
  });

  it('adds a user: the initial password is shown once', async () => {
    await menu('Пользователи');
    await page.type('#new-name', `Новый Сотрудник ${width}`);
    await page.type('#new-email', `new${width}@test.ru`);
    await page.select('#new-role', 'manager');
    await page.click('#add-user input[name="region"][value="1"]');
    await page.type('#new-extension', width === 1440 ? '141' : '139');
    await page.click('#add-user button[type="submit"]');
    await waitText('#users-status', /^(Добавлен|Не получилось)/);
    expect(await text('#users-status')).toBe(`Добавлен пользователь new${width}@test.ru.`);
    expect(await text('#new-password-value')).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{14}$/);
    expect(await server.db.prepare('SELECT role, phone_extension FROM users WHERE email = ?').bind(`new${width}@test.ru`).first()).toEqual({
      role: 'manager',
      phone_extension: width === 1440 ? '141' : '139',
    });
    // «Обновить список»: he is in the table now, a colleague of region 1 who can receive clients.
    await Promise.all([page.waitForNavigation(), page.click('#new-password a')]);
    expect(await texts('#users tbody td:first-child')).toContain(`Новый Сотрудник ${width}`);
  });

  it(`hands ${leaving.name}'s whole book over after a preview of who gets what, then deactivates him`, async () => {
    const row = `tr[data-user="${leaving.id}"]`;
    const A = world.users.managerA.id;
    await page.click(`${row} form[data-hand-over] input[value="${A}"]`);
    const newcomer = (await server.db.prepare('SELECT id FROM users WHERE email = ?').bind(`new${width}@test.ru`).first<{ id: number }>())!
      .id;
    if (width === 1440) await page.click(`${row} form[data-hand-over] input[value="${newcomer}"]`);
    await page.click(`${row} form[data-hand-over] button[type="submit"]`);
    await page.waitForSelector(`${row} [data-preview-table]`);
    const preview = await page.$$eval(`${row} [data-preview-table] tbody tr`, (trs) =>
      trs.map((tr) => [...(tr as unknown as { cells: PageElement[] }).cells].map((c) => c.textContent)),
    );
    // Round-robin by company id; a lead or a task follows its company (even ids have a lead, multiples of 3 a task).
    expect(preview).toEqual(
      width === 1440
        ? [
            ['Анна Менеджер', '40', '40', '14'],
            ['Новый Сотрудник 1440', '41', '0', '13'],
          ]
        : [['Анна Менеджер', '6', '3', '2']],
    );
    await saveScreenshot(page, `admin-users-${width}.png`, { fullPage: true });
    await page.click(`${row} [data-confirm-hand-over]`);
    await waitText('#users-status', /^(Передано|Не получилось)/);
    expect(await text('#users-status')).toBe(
      width === 1440 ? 'Передано: клиентов 81, сделок 40, задач 27.' : 'Передано: клиентов 6, сделок 3, задач 2.',
    );
    expect(
      (await server.db.prepare('SELECT count(*) AS n FROM companies WHERE owner_id = ?').bind(leaving.id).first<{ n: number }>())!.n,
    ).toBe(0);

    page.once('dialog', (d) => void d.accept());
    await page.click(`${row} [data-deactivate]`);
    await waitText(`${row} [data-state]`, /^Отключён$/);
    expect(await server.db.prepare('SELECT active FROM users WHERE id = ?').bind(leaving.id).first()).toEqual({ active: 0 });
  });

  it('pages through the rejects of the exchange page, each reason in plain Russian', async () => {
    await menu('Синхронизация');
    expect(await text('#rejected-count')).toMatch(/^Ждут повтора: 19\d · показаны 100 самых новых$/);
    expect(await page.$$eval('#rejected tbody tr', (trs) => trs.length)).toBe(100);
    // Zadarma is configured and has never sent anything: the page says so.
    expect(await text('#silent-warning')).toMatch(/^Молчат: Zadarma/);
    await saveScreenshot(page, `admin-sync-${width}.png`, { fullPage: true });

    await Promise.all([page.waitForNavigation(), page.click('#rejected-next')]);
    const reasons = await texts('#rejected [data-reason]');
    expect(reasons.length).toBeGreaterThan(80);
    expect(new Set(reasons.filter((r) => r.includes('timestamp')))).toEqual(new Set(['Не принято: нет поля timestamp.']));
    expect(await texts('nav[aria-label="Страницы отклонённого"] a')).toEqual(['« В начало']);
  });
});

interface PageNodeLike {
  querySelector(selector: string): PageElement | null;
}
