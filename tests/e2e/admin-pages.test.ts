import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import type { PageElement, PageGlobals } from '../helpers/dom';
import { lateCounterpartyCase, pushOnec } from '../helpers/onec-push';
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

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true });
  await seedWorld(server);
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
    page.once('dialog', (d) => void d.accept());
    await page.click(`${row} form[data-hand-over] button[type="submit"]`);
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
