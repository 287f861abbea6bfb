import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { EXTENSION_ID } from '../../extension/identity';
import { monotonicMs } from './clock';

const ROOT = join(__dirname, '..', '..');
export const EXTENSION_DIR = join(ROOT, 'dist', 'extension');
export const WIDGET_BUNDLE = join(ROOT, 'dist', 'public', 'w', 'today.js');
export { EXTENSION_ID };

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails the suite with the fix in the message instead of a puzzling browser error. */
export function requireBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the e2e tests.`);
}

export interface TestBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

/** Debian's Chromium, headless, with a throw-away profile; optionally with the built extension loaded. */
export async function launchBrowser(opts: { extension?: boolean; extensionDir?: string; args?: string[] } = {}): Promise<TestBrowser> {
  if (opts.extension) requireBuilt(join(EXTENSION_DIR, 'manifest.json'));
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  const userDataDir = await mkdtemp(join(tmpdir(), 'voronka-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      pipe: true, // loading an unpacked extension over CDP needs the pipe transport
      enableExtensions: Boolean(opts.extension),
      userDataDir,
      args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
      // Below jest's 180 s test timeout, so a CDP call that hangs fails naming itself, not as a bare timeout.
      protocolTimeout: 60_000,
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
  const close = async () => {
    await browser.close().catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true });
  };
  if (opts.extension) {
    // Installed here rather than via enableExtensions: [dir], whose launch does not await the install.
    const id = await browser.installExtension(extensionDir).catch(async (err: unknown) => {
      await close();
      throw err;
    });
    if (id !== EXTENSION_ID) {
      await close();
      throw new Error(`extension loaded as ${id}, expected ${EXTENSION_ID}: is the manifest key right?`);
    }
  }
  return { browser, close };
}

const extensionOrigin = (id: string) => `chrome-extension://${id}/`;

/** The extension's running service worker, once its `chrome` API is ready (it appears after the target). */
export async function extensionServiceWorker(browser: Browser, id = EXTENSION_ID): Promise<WebWorker> {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin(id)), {
    timeout: 30_000,
  });
  const worker = await target.worker();
  if (!worker) throw new Error('service worker target has no worker');
  const deadline = monotonicMs() + 30_000; // a loaded 2-core machine can take this long
  while (!(await worker.evaluate(() => Boolean((globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id)))) {
    if (monotonicMs() > deadline) throw new Error('chrome.runtime never appeared in the service worker');
    await new Promise((r) => setTimeout(r, 50));
  }
  return worker;
}

/**
 * Stops the service worker as Chrome does when idle (tutorial.terminate-sw) and waits until that
 * worker is gone. Chrome may start a new one at once (an open extension page, an alarm): a new
 * target is a restart, which is what the callers test, so only the stopped target is waited for.
 */
export async function stopServiceWorker(browser: Browser, id = EXTENSION_ID): Promise<void> {
  await extensionServiceWorker(browser, id);
  const target = browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin(id)))!;
  const worker = await target.worker();
  await worker!.close();
  const deadline = monotonicMs() + 30_000;
  while (browser.targets().includes(target)) {
    if (monotonicMs() > deadline) throw new Error('the service worker did not stop');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function extensionPageUrl(path: string, id = EXTENSION_ID): string {
  return `${extensionOrigin(id)}${path.replace(/^\//, '')}`;
}

/**
 * A copy of the built extension whose manifest already holds `origins` as host permissions — as
 * if the user had granted them on the options page. Chrome's permission prompt is browser UI that
 * neither CDP nor puppeteer can answer, so this stands in for that one click; the rest (settings,
 * chrome.scripting registration, the content script) is the shipped code. Same key, same id.
 * `built` = dist/extension-firefox for the Firefox build (Firefox grants an MV3 add-on's host_permissions at install).
 */
export async function extensionGranting(origins: string[], built = EXTENSION_DIR): Promise<{ dir: string; dispose: () => Promise<void> }> {
  requireBuilt(join(built, 'manifest.json'));
  const dir = await mkdtemp(join(tmpdir(), 'voronka-extension-'));
  cpSync(built, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions = [...manifest.host_permissions, ...origins];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export interface FixtureSites {
  port: number;
  /** Chromium flags: the fixture hosts resolve to the local server, everything else to nowhere. */
  args: string[];
  close: () => Promise<void>;
}

/**
 * The saved webmail/softphone pages served over https at their real addresses (mail.google.com…):
 * a local server with a throw-away self-signed certificate, `--host-resolver-rules` sending those
 * hosts to it and `--ignore-certificate-errors` accepting it. The adapters then see exactly the
 * URL and DOM they would in production. `pages` maps a URL (without #hash) to the HTML to serve.
 */
export async function serveFixtureSites(pages: Map<string, () => string>): Promise<FixtureSites> {
  const dir = await mkdtemp(join(tmpdir(), 'voronka-tls-'));
  const hosts = [...new Set([...pages.keys()].map((u) => new URL(u).hostname))];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=voronka-fixtures',
      '-addext',
      `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
    ],
    { stdio: 'ignore' },
  );
  const server: Server = createHttpsServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
      const page = pages.get(`${url.origin}${url.pathname}${url.search}`);
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page());
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const rules = [...hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(', ');
  return {
    port,
    args: [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Evaluates `expression` in the content script's isolated world of the page's main frame (or of its
 * child frame named `frameName`, e.g. Roundcube's preview `messagecontframe`), where `voronkaPage`
 * (content/overlay.ts) holds the closed shadow roots the page itself cannot see.
 */
export async function inContentScript<T>(page: Page, expression: string, frameName?: string): Promise<T> {
  const session = await page.createCDPSession();
  try {
    const contexts: { id: number; origin: string; auxData?: { frameId?: string; type?: string } }[] = [];
    session.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => contexts.push(event.context));
    await session.send('Runtime.enable');
    const { frameTree } = await session.send('Page.getFrameTree');
    const frame = frameName === undefined ? frameTree.frame : frameTree.childFrames?.find((child) => child.frame.name === frameName)?.frame;
    if (!frame) throw new Error(`no frame ${frameName} in ${page.url()}`);
    const world = contexts.find(
      (c) => c.auxData?.frameId === frame.id && c.auxData?.type === 'isolated' && c.origin.startsWith(`chrome-extension://${EXTENSION_ID}`),
    );
    if (!world) throw new Error(`no content script in ${frame.url}`);
    const result = await session.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true, awaitPromise: true });
    if (result.exceptionDetails)
      throw new Error(
        `content script evaluation failed: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`,
      );
    return result.result.value as T;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Polls `expression` in the content script's world until it returns a truthy value; returns it (or throws with the last value). */
export async function contentEventually<T>(page: Page, expression: string, timeoutMs = 20_000, frameName?: string): Promise<T> {
  const deadline = monotonicMs() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await inContentScript<T>(page, expression, frameName);
      if (last) return last as T;
    } catch (err) {
      last = (err as Error).message;
    }
    if (monotonicMs() > deadline) throw new Error(`timed out waiting for ${expression}: last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every saved page of tests/fixtures/hosts at its own address (the first page of an address wins: message pages come first). */
export function fixturePages(): Map<string, () => string> {
  // Required lazily: the fixture list imports adapter types only.
  const { fixtures } = require('../fixtures/hosts/expected') as typeof import('../fixtures/hosts/expected');
  const dir = join(__dirname, '..', 'fixtures', 'hosts');
  const pages = new Map<string, () => string>();
  for (const fixture of fixtures) {
    const url = new URL(fixture.url);
    const key = `${url.origin}${url.pathname}${url.search}`;
    if (!pages.has(key)) pages.set(key, () => readFileSync(join(dir, fixture.file), 'utf8'));
  }
  return pages;
}

/** The permissions a user would grant for the fixture sites: the hosted webmails and the self-hosted origins. */
export const FIXTURE_GRANTS = [
  'https://mail.google.com/*',
  'https://mail.yandex.ru/*',
  'https://e.mail.ru/*',
  'https://outlook.office.com/*',
  'https://pochta.krovlya-service.ru/*',
  'https://phone.krovlya-service.ru/*',
  'https://krovlya-a.example.ru/*',
];
export const FIXTURE_SETTINGS = {
  sites: ['gmail', 'yandex-mail', 'mailru', 'outlook'],
  customOrigins: ['https://pochta.krovlya-service.ru', 'https://phone.krovlya-service.ru', 'https://krovlya-a.example.ru'],
  callPopups: true,
};

function manifestPages(): { options: string; popup: string } {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    options_ui: { page: string };
    action: { default_popup: string };
  };
  return { options: manifest.options_ui.page, popup: manifest.action.default_popup };
}

export async function openExtensionPage(browser: Browser, which: 'options' | 'popup'): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(extensionPageUrl(manifestPages()[which]));
  return page;
}

/** Signs in through the options page as a user does, then turns the fixture sites on (what the options page's switches save). */
export async function signInAndEnableSites(
  browser: Browser,
  serverOrigin: string,
  email: string,
  password: string,
  settings = FIXTURE_SETTINGS,
): Promise<string[]> {
  const options = await openExtensionPage(browser, 'options');
  await options.waitForSelector('#sign-in-form');
  await options.locator('#server-url').fill(serverOrigin);
  await options.locator('#email').fill(email);
  await options.locator('#password').fill(password);
  await options.click('#sign-in');
  await options.waitForSelector('#sign-out', { timeout: 10_000 });
  const active = await saveSettingsFrom(options, settings);
  await options.close();
  return active;
}

/**
 * From an open extension page: a message to the background as the options page's switches send it
 * (`chrome` in Chromium's pages, `browser` in Firefox's); returns the active patterns, throws on refusal.
 */
export async function saveSettingsFrom(page: Page, settings: typeof FIXTURE_SETTINGS): Promise<string[]> {
  type Api = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: { active: string[] }; error?: unknown }> } };
  const saved = await page.evaluate((next) => {
    const g = globalThis as unknown as { browser?: Api; chrome: Api };
    return (g.browser ?? g.chrome).runtime.sendMessage({ type: 'saveSettings', ...next });
  }, settings);
  if (!saved.ok) throw new Error(`saveSettings refused: ${JSON.stringify(saved.error)}`);
  return saved.value.active;
}

/**
 * Where an end-to-end test saves a screenshot: `.tmp/screenshots` normally, so a test run leaves the
 * tree clean; `docs/screenshots` when SCREENSHOTS=docs (`SCREENSHOTS=docs npm test` refreshes the
 * ones the docs show).
 */
export function screenshotPath(name: string): string {
  const { join } = require('node:path') as typeof import('node:path');
  const { mkdirSync } = require('node:fs') as typeof import('node:fs');
  const dir =
    process.env['SCREENSHOTS'] === 'docs'
      ? join(__dirname, '..', '..', 'docs', 'screenshots')
      : join(__dirname, '..', '..', '.tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/**
 * Saves a screenshot of `page` as `name` (see screenshotPath). The page is brought to the front
 * first: headless Chromium renders no frames for a tab in the background, and Page.captureScreenshot
 * on one waits for a frame that never comes (puppeteer#4431, #12712) — a hang until the protocol
 * timeout, which is how a test that opens a popup after the options page once timed out in CI.
 */
export async function saveScreenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await page.bringToFront();
  await page.screenshot({ path: screenshotPath(name), ...opts });
}
