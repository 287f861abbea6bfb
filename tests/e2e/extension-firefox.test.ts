import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { EXTENSION_GECKO_ID } from '../../extension/identity';
import { fixtures } from '../fixtures/hosts/expected';
import {
  FIXTURE_GRANTS,
  FIXTURE_SETTINGS,
  fixturePages,
  saveSettingsFrom,
  saveScreenshot,
  serveFixtureSites,
  type FixtureSites,
} from '../helpers/browser';
import {
  FIREFOX_EXTENSION_DIR,
  closedShadowText,
  eventually,
  firefoxPath,
  inClosedShadow,
  launchFirefox,
  openFirefoxExtensionPage,
  type TestFirefox,
} from '../helpers/firefox';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * The Firefox build (dist/extension-firefox) in Debian's Firefox ESR, driven by puppeteer-core over
 * WebDriver BiDi and installed as a temporary add-on: sign-in on the options page, the mail sidebar
 * on a saved Gmail thread, click-to-call reaching the worker. The fixture sites are the same saved
 * pages at their real https addresses as in Chromium (through a CONNECT proxy, tests/helpers/firefox.ts).
 * Without a Firefox on the machine the suite is skipped and says so (scripts/test.mjs installs it as root).
 */

const FIREFOX = firefoxPath();
if (!FIREFOX)
  console.warn(
    '⚠ Firefox ESR не найден (apt-get install firefox-esr или FIREFOX_PATH): tests/e2e/extension-firefox.test.ts пропущен.\n' +
      '  Firefox ESR not found (install firefox-esr or set FIREFOX_PATH): the Firefox suite is skipped, not passed.',
  );
const suite = FIREFOX ? describe : describe.skip;

const GMAIL_THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWkzrHvPfTnPqRsXwMnBlCkD';
const PHONES_PAGE = 'https://krovlya-a.example.ru/contacts';

let server: TestWorker;
let sites: FixtureSites;
let firefox: TestFirefox;

suite('the extension in Firefox ESR (WebDriver BiDi)', () => {
  beforeAll(async () => {
    server = await startWorker({ http: true });
    await seedWorld(server);
    const pages = fixturePages();
    sites = await serveFixtureSites(pages);
    const hosts = [...new Set([...pages.keys()].map((u) => new URL(u).hostname))];
    firefox = await launchFirefox({ grants: FIXTURE_GRANTS, fixtures: { port: sites.port, hosts } });
  });
  afterAll(async () => {
    await firefox?.close();
    await sites?.close();
    await server?.dispose();
  });

  const manifest = () =>
    JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      options_ui: { page: string };
      background: { scripts?: string[]; service_worker?: string };
      browser_specific_settings: { gecko: { id: string } };
      key?: string;
    };

  async function open(url: string): Promise<Page> {
    const page = await firefox.browser.newPage();
    await page.setViewport({ width: 1280, height: 860 });
    await page.goto(url);
    return page;
  }

  it('installs the Firefox build as an MV3 add-on with its gecko id and background scripts', () => {
    expect(firefox.extensionId).toBe(EXTENSION_GECKO_ID);
    const built = manifest();
    expect(built.browser_specific_settings.gecko.id).toBe(EXTENSION_GECKO_ID);
    expect(built.background.scripts).toHaveLength(1);
    expect(built.background.service_worker).toBeUndefined();
    expect(built.key).toBeUndefined();
  });

  it('signs in from the options page, as a user does', async () => {
    const options = await openFirefoxExtensionPage(firefox.browser, manifest().options_ui.page);
    await options.waitForSelector('#sign-in-form');
    await options.locator('#server-url').fill(server.url.origin);
    await options.locator('#email').fill(world.users.managerA.email);
    await options.locator('#password').fill(PASSWORD);
    await options.click('#sign-in');
    await options.waitForSelector('#sign-out', { timeout: 20_000 });
    const signedIn = await options.$eval('body', (body) => (body as unknown as { textContent: string }).textContent);
    expect(signedIn).toContain(world.users.managerA.email);

    // A site switched on by a real click: Firefox takes permissions.request only from a user gesture
    // (called later it rejects), and the host is granted already, so no prompt is drawn.
    await options.click('input[data-site="gmail"]');
    const settingsActive = () =>
      options.evaluate(() =>
        (
          globalThis as unknown as {
            browser: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: { active: string[] } }> } };
          }
        ).browser.runtime
          .sendMessage({ type: 'settings' })
          .then((reply) => reply.value.active),
      );
    expect(
      await eventually('Gmail active', async () => ((await settingsActive()).includes('https://mail.google.com/*') ? true : null)),
    ).toBe(true);
    expect(await options.$eval('#sites', (el) => (el as unknown as { textContent: string }).textContent)).not.toContain('Без разрешения');

    // The other sites the fixture pages stand for, saved as the options page's switches save them.
    const active = await saveSettingsFrom(options, FIXTURE_SETTINGS);
    // Registered for exactly the granted sites: Firefox granted the manifest's host permissions at install.
    expect([...active].sort()).toEqual([...FIXTURE_GRANTS].sort());
    await options.close();
  });

  it('shows the client card beside a Gmail thread', async () => {
    const page = await open(GMAIL_THREAD);
    const card = await eventually('the sidebar card', async () => {
      const text = await closedShadowText(page, '[data-voronka="sidebar"]');
      return text?.includes('Ответственный') ? text : null;
    });
    expect(card).toContain('ООО "Кровля А"');
    expect(card).toContain('Ответственный: Анна Менеджер');
    expect(card).toContain('Иван Петров');
    // Phones the Russian way, on the card and on its ☎ button.
    expect(
      await inClosedShadow<string[]>(
        page,
        '[data-voronka="sidebar"]',
        `(root) => [...root.querySelectorAll('[data-action="call"]')].map((b) => b.textContent)`,
      ),
    ).toEqual(['☎ +7\u00a0495\u00a0123-45-67']);
    await saveScreenshot(page, 'sidebar-gmail-firefox.png');
    await page.close();
  });

  it('puts ☎ after the phones of a page, and a click places the call through the worker', async () => {
    const page = await open(PHONES_PAGE);
    const phones = await eventually('the ☎ buttons', () =>
      page.evaluate(() => {
        type Hosts = { querySelectorAll(s: string): Iterable<{ getAttribute(name: string): string | null }> };
        const hosts = [...(globalThis as unknown as { document: Hosts }).document.querySelectorAll('[data-voronka="call"]')];
        return hosts.length >= 7 ? hosts.map((h) => h.getAttribute('data-phone')) : null;
      }),
    );
    // The page's text phones as tests/fixtures/hosts/expected.ts reads them (tel: links are taken over instead).
    const saved = fixtures.find((f) => f.url === PHONES_PAGE)!;
    expect(phones).toEqual(saved.phones.filter((p) => !p.startsWith('tel:')).map((p) => p.split(' ')[0]));

    // The ☎ sits in a closed shadow root: a real mouse click on it.
    const host = await page.$('[data-voronka="call"][data-phone="+79123456789"]');
    await host!.click();

    const toast = await eventually('the toast', async () => {
      const text = await closedShadowText(page, '[data-voronka="toast"]');
      return text?.startsWith('Звоним') ? text : null;
    });
    expect(toast).toBe('Звоним +7\u00a0912\u00a0345-67-89: АТС сначала позвонит на ваш телефон');
    const calls = (
      await server.db
        .prepare("SELECT direction, counterpart, extension, user_id FROM calls WHERE provider = 'sandbox' ORDER BY id")
        .all<Record<string, unknown>>()
    ).results;
    expect(calls).toEqual([{ direction: 'out', counterpart: '+79123456789', extension: '101', user_id: world.users.managerA.id }]);
    await page.close();
  });
});
