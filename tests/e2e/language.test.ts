import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import type { PageElement, PageGlobals } from '../helpers/dom';
import { lateCounterpartyCase, pushOnec } from '../helpers/onec-push';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * The interface language as the admin lives with it in Chromium: «English» in the menu is his setting
 * (another browser signing in gets English, the sign-in page after «Sign out» too), every admin page —
 * with what its script draws — has no Russian outside data, «Check» answers in English and refreshes
 * the card's counts; «Русский» brings the Russian pages back.
 */
let server: TestWorker;
let chromium: TestBrowser;

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true });
  await seedWorld(server);
  const { invoice } = lateCounterpartyCase('44444444');
  await pushOnec(server, [invoice]);
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

const at = (path: string) => new URL(path, server.url).toString();
const htmlLang = (page: Page) => page.$eval('html', (el) => (el as unknown as PageElement).getAttribute('lang'));
const textOf = (page: Page, selector: string) => page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.trim() ?? '');

async function signIn(page: Page, email: string = world.users.admin.email): Promise<void> {
  await page.goto(at('/app'));
  await page.type('#email', email);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
}

async function menu(page: Page, label: string): Promise<void> {
  const links = await page.$$('nav#menu a');
  for (const link of links) {
    if ((await link.evaluate((el) => (el as unknown as PageElement).textContent)) === label) {
      await Promise.all([page.waitForNavigation(), link.click()]);
      return;
    }
  }
  throw new Error(`no «${label}» in the menu`);
}

/** Russian words left in `main` as the person sees it (scripts done), data (translate="no", data-value, own lang) aside. */
const russianInMain = (page: Page) =>
  page.evaluate(() => {
    type El = { cloneNode(deep: boolean): El; querySelectorAll(s: string): El[]; remove(): void; textContent: string | null };
    const main = (globalThis as unknown as { document: { querySelector(s: string): El } }).document.querySelector('main').cloneNode(true);
    for (const el of main.querySelectorAll('[translate="no"], [data-value], [lang], script, style')) el.remove();
    return [...new Set((main.textContent ?? '').match(/[А-Яа-яЁё][А-Яа-яЁё\w-]*/g) ?? [])];
  });

describe('the admin switches to English', () => {
  let page: Page;
  beforeAll(async () => {
    page = await (await chromium.browser.createBrowserContext()).newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await signIn(page);
  });
  afterAll(() => page?.close());

  test('«English» in the menu turns the pages English and keeps it on his row', async () => {
    expect(await htmlLang(page)).toBe('ru');
    await Promise.all([page.waitForNavigation(), page.click('#lang-switch')]);
    expect(await htmlLang(page)).toBe('en');
    expect(await textOf(page, '#lang-switch')).toBe('Русский');
    expect(await server.db.prepare('SELECT lang FROM users WHERE id = ?').bind(world.users.admin.id).first()).toEqual({ lang: 'en' });
  });

  test.each([
    ['Users', 'Users'],
    ['Integrations', 'Integrations'],
    ['Sync', 'Sync'],
    ['Audit trail', 'Audit trail'],
    ['Tokens and widgets', 'Tokens'],
    ['Import', 'Import clients from Excel'],
  ])('%s: no Russian on the page but data', async (label, heading) => {
    await menu(page, label);
    expect(await htmlLang(page)).toBe('en');
    // The scripts have drawn their part: the tokens list, the import form.
    if (label === 'Tokens and widgets') await page.waitForSelector('#tokens tr');
    if (label === 'Import') await page.waitForSelector('#file');
    expect(await textOf(page, 'main h1')).toBe(heading);
    expect(await russianInMain(page)).toEqual([]);
  });

  test('a confirmation and «Check» speak English; the card’s counts follow the check without a reload', async () => {
    await menu(page, 'Users');
    const question = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await page.click(`[data-deactivate="${world.users.managerB.id}"]`);
    expect(await question).toBe('Deactivate Борис Менеджер? His sessions and tokens (extension, 1C widgets) stop working at once.');

    await menu(page, 'Integrations');
    const stored = Number(await textOf(page, '[data-integration="generic"] [data-stored]'));
    await page.click('[data-integration="generic"] [data-check]');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelector('[data-integration="generic"] [data-check-result]')?.textContent !==
          '' &&
        (globalThis as unknown as PageGlobals).document.querySelector('[data-integration="generic"] [data-check-result]')?.textContent !==
          'Checking…',
    );
    expect(await textOf(page, '[data-integration="generic"] [data-check-result]')).toBe(
      'Accepted: the signed test event went through /hooks/telephony/generic and is marked as a check.',
    );
    await page.waitForFunction(
      (before) =>
        Number((globalThis as unknown as PageGlobals).document.querySelector('[data-integration="generic"] [data-stored]')?.textContent) >
        before,
      {},
      stored,
    );
    expect(await textOf(page, '[data-integration="generic"] [data-last-received]')).toMatch(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
  });

  test('another browser signing in gets English; after «Sign out» the sign-in page is English too', async () => {
    const other = await (await chromium.browser.createBrowserContext()).newPage();
    await other.goto(at('/sign-in'));
    expect(await htmlLang(other)).toBe('ru'); // nobody known yet in this browser
    await signIn(other);
    expect(await htmlLang(other)).toBe('en');
    expect(await textOf(other, 'nav#menu a[aria-current="page"]')).toBe('My day');
    await other.click('#sign-out');
    await other.waitForFunction(() => (globalThis as unknown as PageGlobals).location.pathname === '/sign-in');
    expect(await htmlLang(other)).toBe('en');
    expect(await textOf(other, 'h1')).toBe('Sign in to Voronka');
    await other.close();
  });

  test('«Русский» brings the Russian pages back', async () => {
    await Promise.all([page.waitForNavigation(), page.click('#lang-switch')]);
    expect(await htmlLang(page)).toBe('ru');
    expect(await textOf(page, 'main h1')).toBe('Интеграции');
    expect(await server.db.prepare('SELECT lang FROM users WHERE id = ?').bind(world.users.admin.id).first()).toEqual({ lang: 'ru' });
  });
});

/**
 * A manager and a head switch the same way and work through every page of their menu — «My day»,
 * clients, a client's card with its composer, tasks, pay, reports — with what the pages' scripts draw:
 * no Russian but data anywhere they go.
 */
describe.each([
  ['manager A', world.users.managerA.email],
  ['the Moscow head', world.users.headA.email],
])('%s switches to English and goes through his menu', (_who, email) => {
  let page: Page;
  beforeAll(async () => {
    page = await (await chromium.browser.createBrowserContext()).newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await signIn(page, email);
    await Promise.all([page.waitForNavigation(), page.click('#lang-switch')]);
  });
  afterAll(() => page?.close());

  test('every page of the menu and a client card: no Russian on the page but data', async () => {
    const labels = await page.$$eval('nav#menu a', (links) => links.map((a) => (a as unknown as PageElement).textContent?.trim() ?? ''));
    expect(labels.length).toBeGreaterThan(3);
    const leaks: Record<string, string[]> = {};
    for (const label of labels) {
      await menu(page, label);
      expect(await htmlLang(page)).toBe('en');
      const words = (await page.$('main')) ? await russianInMain(page) : [];
      if (words.length) leaks[label] = words;
      // «API» opens the API's reference, outside the app's shell: back, as a person would.
      if (!(await page.$('nav#menu'))) await page.goBack();
    }
    // A client's card from the list, as a click opens it: the timeline, the composer, the contacts.
    await menu(page, labels.find((l) => l === 'Clients')!);
    await Promise.all([page.waitForNavigation(), page.click('main table a[href^="/app/clients/"]')]);
    await page.waitForSelector('main form');
    expect(await htmlLang(page)).toBe('en');
    const card = await russianInMain(page);
    if (card.length) leaks['a client card'] = card;
    expect(leaks).toEqual({});
  });
});
