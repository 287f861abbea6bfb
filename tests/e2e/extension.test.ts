import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { PageElement, PageGlobals } from '../helpers/dom';
import {
  EXTENSION_DIR,
  extensionPageUrl,
  extensionServiceWorker,
  launchBrowser,
  requireBuilt,
  stopServiceWorker,
  type TestBrowser,
} from '../helpers/browser';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, sessionCookie, world } from '../helpers/world';

const MANIFEST = join(EXTENSION_DIR, 'manifest.json');
let server: TestWorker;
let chromium: TestBrowser;
let optionsPath: string;
let popupPath: string;

beforeAll(async () => {
  requireBuilt(MANIFEST);
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { options_ui: { page: string }; action: { default_popup: string } };
  optionsPath = manifest.options_ui.page;
  popupPath = manifest.action.default_popup;
  server = await startWorker({ http: true });
  await seedWorld(server);
});
afterAll(async () => {
  await server?.dispose();
});

// A fresh browser and profile per test, as in Chrome's tutorial.puppeteer.
beforeEach(async () => {
  chromium = await launchBrowser({ extension: true });
});
afterEach(async () => {
  await chromium?.close();
});

const serverOrigin = () => server.url.origin;

/** Waits for `selector` to read `expected`; returns what it finally reads so a failure shows the real text. */
async function textEventually(page: Page, selector: string, expected: string, timeout = 10_000): Promise<string> {
  await page
    .waitForFunction(
      (sel: string, want: string) => (globalThis as unknown as PageGlobals).document.querySelector(sel)?.textContent?.trim() === want,
      { timeout },
      selector,
      expected,
    )
    .catch(() => undefined);
  return page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.trim() ?? '').catch(() => `<no ${selector}>`);
}

async function openOptions(): Promise<Page> {
  const page = await chromium.browser.newPage();
  await page.goto(extensionPageUrl(optionsPath));
  await page.waitForSelector('#sign-in-form');
  return page;
}

async function signInThroughOptions(page: Page, email: string, password: string): Promise<void> {
  await page.locator('#server-url').fill(serverOrigin());
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.click('#sign-in');
}

async function openPopup(): Promise<Page> {
  const page = await chromium.browser.newPage();
  await page.goto(extensionPageUrl(popupPath));
  return page;
}

/** Reads the stored API token the way only an extension page can: from the extension origin's IndexedDB. */
function storedToken(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      new Promise<string | null>((resolve, reject) => {
        const open = (globalThis as unknown as PageGlobals).indexedDB.open('voronka-credentials');
        let absent = false;
        // Probing must not create the database: that would leave it without the extension's store.
        open.onupgradeneeded = () => {
          absent = true;
          open.transaction?.abort();
        };
        open.onerror = () => (absent ? resolve(null) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('connection')) {
            db.close();
            return resolve(null);
          }
          const get = db.transaction('connection').objectStore('connection').get('current');
          get.onsuccess = () => {
            resolve((get.result as { token?: string } | undefined)?.token ?? null);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

async function signedInAsManagerA(): Promise<Page> {
  const options = await openOptions();
  await signInThroughOptions(options, world.users.managerA.email, PASSWORD);
  expect(await textEventually(options, '#connection', 'Подключено как Анна Менеджер')).toBe('Подключено как Анна Менеджер');
  return options;
}

describe('extension sign-in', () => {
  it('shows the server’s Russian error for a wrong password and stays disconnected', async () => {
    const options = await openOptions();

    await signInThroughOptions(options, world.users.managerA.email, 'не-тот-пароль');

    expect(await textEventually(options, '#error', 'Неверный e-mail или пароль')).toBe('Неверный e-mail или пароль');
    expect(await options.$eval('#connection', (el) => (el as unknown as PageElement).textContent)).toMatch(/^Не подключено/);
    expect(await storedToken(options)).toBeNull();
  });

  it('connects manager A, and the popup shows the name and the last sync time', async () => {
    const options = await signedInAsManagerA();

    const popup = await openPopup();

    expect(await textEventually(popup, '#status', 'Подключено: Анна Менеджер')).toBe('Подключено: Анна Менеджер');
    expect(await popup.$eval('#last-sync', (el) => (el as unknown as PageElement).textContent)).toMatch(
      /^Последняя синхронизация: \d\d\.\d\d\.\d{4}, \d\d:\d\d$/,
    );
    expect(await storedToken(options)).toMatch(/^vka_/);
  });

  it('revokes and forgets the token on «Выйти» and shows the sign-in form again', async () => {
    const options = await signedInAsManagerA();
    const token = await storedToken(options);

    await options.click('#sign-out');

    expect(await textEventually(options, '#connection', 'Не подключено')).toBe('Не подключено');
    expect(await storedToken(options)).toBeNull();
    expect((await server.fetch('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(await options.$eval('#server-url', (el) => (el as unknown as { value: string }).value)).toBe(serverOrigin());
  });

  it('keeps the token out of chrome.storage.local, where content scripts could read it', async () => {
    await signedInAsManagerA();

    const worker = await extensionServiceWorker(chromium.browser);
    const local = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as PageGlobals;
      return JSON.stringify(await chrome.storage.local.get(null));
    });

    expect(local).toContain(serverOrigin());
    expect(local).not.toContain('vka_');
  });
});

describe('extension service worker lifecycle', () => {
  it('still reports the connection after Chrome stops the service worker', async () => {
    await signedInAsManagerA();
    const before = await extensionServiceWorker(chromium.browser);
    await before.evaluate(() => {
      (globalThis as { startedBeforeStop?: boolean }).startedBeforeStop = true;
    });

    await stopServiceWorker(chromium.browser);
    const popup = await openPopup();

    expect(await textEventually(popup, '#status', 'Подключено: Анна Менеджер')).toBe('Подключено: Анна Менеджер');
    const after = await extensionServiceWorker(chromium.browser);
    expect(await after.evaluate(() => (globalThis as { startedBeforeStop?: boolean }).startedBeforeStop ?? false)).toBe(false);
  });
});

describe('extension token revocation', () => {
  it('shows «Не подключено» with the server’s reason once the token is revoked on the server', async () => {
    const options = await signedInAsManagerA();
    const token = await storedToken(options);
    const cookie = await sessionCookie(server, 'managerA');
    const list = (await (await server.fetch('/api/tokens?kind=api', { headers: { cookie } })).json()) as {
      items: { id: number; prefix: string; revokedAt: number | null }[];
    };
    const mine = list.items.filter((t) => t.revokedAt === null && token?.startsWith(t.prefix)).sort((a, b) => b.id - a.id)[0];
    expect(mine).toBeDefined();

    const revoked = await server.fetch(`/api/tokens/${mine!.id}`, { method: 'DELETE', headers: { cookie } });
    expect(revoked.status).toBe(200);
    const popup = await openPopup();

    const refusal = (await (
      await server.fetch('/api/me', { headers: { authorization: `Bearer ${token}`, 'accept-language': 'ru' } })
    ).json()) as { error: { message: string } };
    expect(await textEventually(popup, '#status', 'Не подключено')).toBe('Не подключено');
    expect(await textEventually(popup, '#reason', refusal.error.message)).toBe(refusal.error.message);
    expect(await popup.$eval('#open-options', (el) => (el as unknown as PageElement).getAttribute('href'))).toBe(
      extensionPageUrl(optionsPath),
    );
  });
});
