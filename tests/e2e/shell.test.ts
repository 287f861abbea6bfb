import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser, saveScreenshot } from '../helpers/browser';
import type { PageElement } from '../helpers/dom';
import { suggestionsFor, typeInSearch } from '../helpers/search-box';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * The shell in Chromium at a desktop and a phone size, as manager A works: the header search box
 * driven by the keyboard (a phone typed three ways, a contact's name, a word fragment), the phone's
 * menu button, and the pages a browser gets for a refused or unknown address.
 * Screenshots go where saveScreenshot puts them (.tmp/screenshots, or docs/screenshots with SCREENSHOTS=docs).
 */
const VIEWPORTS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;

let server: TestWorker;
let chromium: TestBrowser;

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true });
  await seedWorld(server);
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

const at = (path: string) => new URL(path, server.url).toString();
const textOf = (page: Page, selector: string) => page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.trim() ?? '');
const visible = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const box = (el as unknown as { getBoundingClientRect(): { width: number; height: number } }).getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });

describe.each(VIEWPORTS)('the shell at $width px, as manager A', ({ name, width, height }) => {
  let page: Page;

  beforeAll(async () => {
    page = await (await chromium.browser.createBrowserContext()).newPage();
    await page.setViewport({ width, height });
    await page.goto(at('/app'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.type('#email', world.users.managerA.email);
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/app/today'); // «Мой день»
  });
  afterAll(() => page?.close());

  test.each(['+7 495 123-45-67', '8 (495) 1234567', '4951234567'])(
    'finds Кровля А by the phone typed as %s, ↓ and Enter open the card',
    async (phone) => {
      await typeInSearch(page, phone);
      expect(await suggestionsFor(page, phone)).toEqual(['ООО "Кровля А"']);
      expect(await textOf(page, '#search-list li[role=option] small')).toContain('по телефону');
      await page.keyboard.press('ArrowDown');
      expect(await page.$eval('#search-q', (el) => (el as unknown as PageElement).getAttribute('aria-activedescendant'))).toBe(
        'search-hit-0',
      );
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe(`/app/clients/${world.companies.ofA}`);
      expect(await textOf(page, 'h1')).toBe('ООО "Кровля А"');
    },
  );

  test("finds the client by its contact's name", async () => {
    await typeInSearch(page, 'Петров');
    expect(await suggestionsFor(page, 'Петров')).toEqual(['ООО "Кровля А"']);
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await textOf(page, 'h1')).toBe('ООО "Кровля А"');
  });

  test('a fragment from inside a word: Esc closes the list, Enter without a choice opens the full list', async () => {
    await typeInSearch(page, 'ровл');
    expect(await suggestionsFor(page, 'ровл')).toEqual(['ООО "Кровля А"']);
    await saveScreenshot(page, `search-${name}.png`);
    await page.keyboard.press('Escape');
    expect(await page.$eval('#search-list', (el) => (el as unknown as { hidden: boolean }).hidden)).toBe(true);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.get('q')]).toEqual(['/app/clients', 'ровл']);
    const rows = await page.$$eval('table.list tbody a', (els) => els.map((el) => (el as unknown as PageElement).textContent));
    expect(rows).toEqual(['ООО "Кровля А"']);
    expect(await page.$eval('nav#menu a[aria-current="page"]', (el) => (el as unknown as PageElement).textContent)).toBe('Клиенты');
  });

  if (width < 600) {
    test('on a phone the header is one short row and the menu opens from its button', async () => {
      const headerHeight = await page.$eval(
        'header.top',
        (el) => (el as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height,
      );
      expect(headerHeight).toBeLessThanOrEqual(64);
      expect(await visible(page, 'nav#menu')).toBe(false);
      await page.click('#menu-toggle');
      expect(await visible(page, 'nav#menu')).toBe(true);
      expect(await page.$eval('#menu-toggle', (el) => (el as unknown as PageElement).getAttribute('aria-expanded'))).toBe('true');
      await Promise.all([page.waitForNavigation(), page.click('nav#menu a[href="/app/reports"]')]);
      expect(new URL(page.url()).pathname).toBe('/app/reports');
      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
          .documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
    });
  } else {
    test('on a desktop the menu is always shown and the menu button is not', async () => {
      expect(await visible(page, 'nav#menu')).toBe(true);
      expect(await visible(page, '#menu-toggle')).toBe(false);
    });
  }

  test('a page closed to managers answers a Russian 403 page in the layout, not JSON', async () => {
    const res = await page.goto(at('/app/sync'));
    expect(res?.status()).toBe(403);
    expect(await page.$eval('html', (el) => (el as unknown as PageElement).getAttribute('lang'))).toBe('ru');
    expect(await textOf(page, '#error-page h1')).toBe('Нет доступа');
    expect(await page.$$eval('nav#menu a', (els) => els.map((el) => (el as unknown as PageElement).textContent))).not.toContain(
      'Синхронизация',
    );
    await saveScreenshot(page, `error-403-${name}.png`);
  });

  test('an unknown page answers the 404 page, whose link leads back home', async () => {
    const res = await page.goto(at('/app/no-such-page'));
    expect(res?.status()).toBe(404);
    expect(await textOf(page, '#error-page h1')).toBe('Страница не найдена');
    await Promise.all([page.waitForNavigation(), page.click('#error-page a[href="/app"]')]);
    expect(new URL(page.url()).pathname).toBe('/app/today'); // «Мой день»
  });
});
