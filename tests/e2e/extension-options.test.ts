import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  extensionGranting,
  launchBrowser,
  openExtensionPage,
  saveScreenshot,
  signInAndEnableSites,
  type TestBrowser,
} from '../helpers/browser';
import { monotonicMs } from '../helpers/clock';
import { Relay } from '../helpers/relay';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * The options page as a user meets it: checkboxes beside their labels, a plain-http company webmail
 * accepted with a warning, a scheme-less address shown as what it becomes before it is added, a site
 * turned on reaching the tab already open, and "server unreachable" told apart from "signed out".
 *
 * The intranet webmail is the saved Roundcube message page served over plain http at
 * pochta.krovlya-intranet.ru (Chromium's host resolver sends that name to a local http server).
 * Chrome's permission prompt cannot be answered from CDP, so the extension copy already holds the
 * two test hosts (extensionGranting): `chrome.permissions.request` from the click then resolves
 * without a prompt, and everything after it — settings, registration, injection — is shipped code.
 */

const INTRANET = 'http://pochta.krovlya-intranet.ru';
const ROUNDCUBE_MESSAGE = `${INTRANET}/roundcube/?_task=mail&_mbox=INBOX&_uid=1&_action=show`;
const PUBLIC_MAIL = 'https://pochta.krovlya-service.ru';

let server: TestWorker;
let webmail: Server;
let resolverArgs: string[];
let extension: { dir: string; dispose: () => Promise<void> };

beforeAll(async () => {
  server = await startWorker({ http: true });
  await seedWorld(server);
  const page = readFileSync(join(__dirname, '..', 'fixtures', 'hosts', 'roundcube', 'show.html'), 'utf8');
  webmail = createServer((req, res) => {
    if (req.headers.host === new URL(INTRANET).host && req.url?.startsWith('/roundcube/'))
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
  });
  await new Promise<void>((resolve) => webmail.listen(0, '127.0.0.1', resolve));
  const { port } = webmail.address() as AddressInfo;
  resolverArgs = [
    `--host-resolver-rules=MAP ${new URL(INTRANET).hostname} 127.0.0.1:${port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`,
  ];
  extension = await extensionGranting([`${INTRANET}/*`, `${PUBLIC_MAIL}/*`]);
});
afterAll(async () => {
  await extension?.dispose();
  webmail?.closeAllConnections();
  await new Promise<void>((resolve) => (webmail ? webmail.close(() => resolve()) : resolve()));
  await server?.dispose();
});

let chromium: TestBrowser;
afterEach(async () => {
  await chromium?.close();
});

async function signedInOptions(serverOrigin = server.url.origin): Promise<Page> {
  chromium = await launchBrowser({ extension: true, extensionDir: extension.dir, args: resolverArgs });
  await signInAndEnableSites(chromium.browser, serverOrigin, world.users.managerA.email, PASSWORD, {
    sites: [],
    customOrigins: [],
    callPopups: true,
  });
  const options = await openExtensionPage(chromium.browser, 'options');
  await options.setViewport({ width: 800, height: 900 });
  await options.waitForSelector('#sites h2');
  return options;
}

/** Polls `expression` in the page until it is truthy; returns the last value so a failure shows it. */
async function eventually<T>(page: Page, expression: string, timeoutMs = 15_000): Promise<T> {
  const deadline = monotonicMs() + timeoutMs;
  let last: unknown = null;
  while (monotonicMs() < deadline) {
    last = await page.evaluate(expression).catch((err: Error) => `error: ${err.message}`);
    if (last) return last as T;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last as T;
}

/** The text of `selector` once it matches `want` (any text when not given); what it reads last otherwise, so a failure shows it. */
async function text(page: Page, selector: string, want?: string | RegExp): Promise<string | null> {
  const read = `document.querySelector(${JSON.stringify(selector)})?.textContent?.trim() ?? null`;
  const deadline = monotonicMs() + 15_000;
  let last: string | null = null;
  while (monotonicMs() < deadline) {
    last = (await page.evaluate(read).catch(() => null)) as string | null;
    if (last !== null && (want === undefined || (typeof want === 'string' ? last === want : want.test(last)))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

async function addOrigin(options: Page, typed: string): Promise<void> {
  await options.locator('#custom-origin').fill(typed);
  await options.click('#add-origin-submit');
}

interface CheckRow {
  text: string;
  box: { left: number; right: number; top: number; bottom: number };
  line: { left: number; top: number; bottom: number };
}

describe('options page layout', () => {
  it('draws every checkbox on the first line of its label, to the left of the text', async () => {
    const options = await signedInOptions();

    const rows = await options.evaluate(`[...document.querySelectorAll('label.check')].map((label) => {
      const box = label.querySelector('input[type=checkbox]').getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(label.querySelector('span'));
      const line = range.getClientRects()[0];
      return {
        text: label.textContent.trim(),
        box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
        line: { left: line.left, top: line.top, bottom: line.bottom },
      };
    })`);

    const checks = rows as CheckRow[];
    expect(checks.map((row) => row.text)).toEqual([
      'Почта Gmail',
      'Яндекс Почта',
      'Почта Mail.ru',
      'Outlook в браузере',
      'Показывать карточку входящего звонка поверх страницы (иначе — уведомление)',
    ]);
    for (const row of checks) {
      // The box's middle lies within the text's first line, and the box ends before the text starts.
      const middle = (row.box.top + row.box.bottom) / 2;
      expect({
        text: row.text,
        onLine: middle > row.line.top && middle < row.line.bottom,
        beforeText: row.box.right <= row.line.left,
      }).toEqual({ text: row.text, onLine: true, beforeText: true });
      expect(row.box.right - row.box.left).toBeLessThan(30);
    }
  });
});

describe('own sites', () => {
  it('accepts a plain-http webmail with a visible warning and injects into its tab already open, without a reload', async () => {
    const options = await signedInOptions();
    const mail = await chromium.browser.newPage();
    await mail.goto(ROUNDCUBE_MESSAGE);
    await mail.evaluate('window.__loadedOnce = true');
    expect(await mail.evaluate(`document.querySelectorAll('[data-voronka="call"]').length`)).toBe(0);

    await options.bringToFront();
    await addOrigin(options, `${INTRANET}/roundcube/?_task=mail`);

    expect(await text(options, `li[data-origin="${INTRANET}"] .origin`, INTRANET)).toBe(INTRANET);
    const warning = `Соединение без шифрования: ${INTRANET} открывается по http://, письма и телефоны клиентов идут по сети открытым текстом. Если у сайта есть https://, добавьте его.`;
    expect(await text(options, `li[data-origin="${INTRANET}"] [data-testid="insecure-warning"]`, warning)).toBe(warning);
    expect(await text(options, `li[data-origin="${INTRANET}"]`)).not.toContain('нет разрешения');

    const phones = await eventually<string[] | null>(
      mail,
      `(() => { const found = [...document.querySelectorAll('[data-voronka="call"]')].map((b) => b.dataset.phone);
        return found.length >= 2 ? found : null; })()`,
    );
    expect(phones).toEqual(['+74951234567', '+79123456789']);
    // The same document: injected, not reloaded.
    expect(await mail.evaluate('window.__loadedOnce === true')).toBe(true);
    await saveScreenshot(options, 'options-http-site.png', { fullPage: true });
  });

  it('shows what a scheme-less address becomes and adds it only when the user picks https or http', async () => {
    const options = await signedInOptions();

    await addOrigin(options, 'pochta.krovlya-service.ru');

    expect(await text(options, '#scheme-https', PUBLIC_MAIL)).toBe(PUBLIC_MAIL);
    expect(await text(options, '#add-https', `Добавить ${PUBLIC_MAIL}`)).toBe(`Добавить ${PUBLIC_MAIL}`);
    const asHttp = 'Добавить http://pochta.krovlya-service.ru (без шифрования)';
    expect(await text(options, '#add-http', asHttp)).toBe(asHttp);
    expect(await options.evaluate(`document.querySelectorAll('#custom-origins li').length`)).toBe(0);
    await saveScreenshot(options, 'options-scheme-choice.png', { fullPage: true });

    await options.click('#add-https');

    expect(await text(options, `li[data-origin="${PUBLIC_MAIL}"] .origin`, PUBLIC_MAIL)).toBe(PUBLIC_MAIL);
    expect(await options.evaluate(`document.querySelector('#scheme-choice') === null`)).toBe(true);
    expect(await options.evaluate(`document.querySelector('[data-testid="insecure-warning"]') === null`)).toBe(true);
  });
});

describe('connection states', () => {
  let relay: Relay;
  beforeEach(async () => {
    relay = new Relay(Number(server.url.port));
    await relay.up();
  });
  afterEach(async () => {
    await relay.down();
  });

  it('tells "server unreachable" (closed port, a proxy\'s 503) from signed out, keeps the sign-in, and «Повторить» reconnects', async () => {
    const options = await signedInOptions(relay.origin);
    expect(await text(options, '#connection', 'Подключено как Анна Менеджер')).toBe('Подключено как Анна Менеджер');

    await relay.down();
    await options.reload();
    const popup = await openExtensionPage(chromium.browser, 'popup');

    expect(await text(options, '#connection', 'Сервер недоступен')).toBe('Сервер недоступен');
    const reason = new RegExp(`^Нет связи с сервером ${relay.origin.replace(/\./g, '\\.')}\\. Вход сохранён \\(Анна Менеджер, `);
    expect(await text(options, '#unreachable-reason', reason)).toMatch(reason);
    expect(await options.evaluate(`document.querySelector('#sign-in-form') === null`)).toBe(true);
    expect(await text(options, '#retry', 'Повторить')).toBe('Повторить');
    expect(await text(popup, '#status', 'Сервер недоступен')).toBe('Сервер недоступен');
    expect(await text(popup, '#retry', 'Повторить')).toBe('Повторить');
    await saveScreenshot(options, 'options-unreachable.png');

    await relay.up();
    await options.bringToFront();
    await options.click('#retry');

    expect(await eventually(options, `document.querySelector('#connection')?.textContent === 'Подключено как Анна Менеджер'`)).toBe(true);
    await popup.bringToFront();
    await popup.click('#retry');
    expect(await eventually(popup, `document.querySelector('#status')?.textContent === 'Подключено: Анна Менеджер'`)).toBe(true);

    // A proxy in front of a failed server (503, its own HTML page): unreachable too, not signed out.
    relay.answerWith(503);
    await options.bringToFront();
    await options.reload();
    expect(await text(options, '#connection', 'Сервер недоступен')).toBe('Сервер недоступен');
    // A bare status is given a reason (shared/api-error.ts statusReason), not just its number.
    expect(await text(options, '#unreachable-reason', /^Сервер временно недоступен \(503\)/)).toMatch(
      /^Сервер временно недоступен \(503\), повторите позже\. Вход сохранён/,
    );
    relay.answerWith(null);
    await options.click('#retry');
    expect(await text(options, '#connection', 'Подключено как Анна Менеджер')).toBe('Подключено как Анна Менеджер');
  });

  it('shows the sign-in form, not «Сервер недоступен», once the server refuses the token (401)', async () => {
    const options = await signedInOptions(relay.origin);
    expect(await text(options, '#connection', 'Подключено как Анна Менеджер')).toBe('Подключено как Анна Менеджер');
    const cookie = await sessionCookie(server, 'managerA');
    const list = (await (await server.fetch('/api/tokens?kind=api', { headers: { cookie } })).json()) as {
      items: { id: number; revokedAt: number | null }[];
    };
    for (const token of list.items.filter((t) => t.revokedAt === null))
      expect((await server.fetch(`/api/tokens/${token.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(200);

    await options.reload();
    const popup = await openExtensionPage(chromium.browser, 'popup');

    expect(await text(popup, '#status', 'Не подключено')).toBe('Не подключено');
    expect(await popup.evaluate(`document.querySelector('#retry') === null`)).toBe(true);
    await options.waitForSelector('#sign-in-form');
    expect(await text(options, '#connection', /^Не подключено: /)).toMatch(/^Не подключено: /);
    expect(await options.evaluate(`document.querySelector('#unreachable') === null`)).toBe(true);
  });
});
