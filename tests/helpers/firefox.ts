import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { EXTENSION_GECKO_ID } from '../../extension/identity';
import { extensionGranting } from './browser';
import { monotonicMs } from './clock';

/**
 * Firefox ESR (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi, with the Firefox
 * build of the extension installed as a temporary add-on (BiDi `webExtension.install`).
 */

const ROOT = join(__dirname, '..', '..');
export const FIREFOX_EXTENSION_DIR = join(ROOT, 'dist', 'extension-firefox');

/**
 * The moz-extension:// host of the add-on. Firefox picks a random uuid per profile; the
 * `extensions.webextensions.uuids` preference fixes it so the tests can open the options page.
 */
export const FIREFOX_EXTENSION_UUID = '7c0b6a1e-5d2f-4e8a-9b3c-2f1d0e4a6b58';
export const FIREFOX_EXTENSION_BASE = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;

/** The Firefox binary: FIREFOX_PATH, else Debian's firefox-esr; null when there is none (the suite is skipped, saying so). */
export function firefoxPath(): string | null {
  return [process.env['FIREFOX_PATH'], '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p): p is string => !!p && existsSync(p)) ?? null;
}

/**
 * Firefox has no `--host-resolver-rules`: the fixture hosts reach the local https server through an
 * HTTP proxy that tunnels (CONNECT) exactly those hosts to it and refuses everything else. Loopback
 * (the worker) is never proxied by Firefox. The self-signed certificate is accepted by the session's
 * `acceptInsecureCerts`, as `--ignore-certificate-errors` does in Chromium.
 */
async function fixtureProxy(hosts: string[], port: number): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(502).end('not a fixture host'));
  server.on('connect', (req, client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const [host] = (req.url ?? '').split(':');
    if (!host || !hosts.includes(host)) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TestFirefox {
  browser: Browser;
  /** The add-on id Firefox reported for the install (the manifest's gecko id). */
  extensionId: string;
  close: () => Promise<void>;
}

/** Firefox ESR, headless, fresh profile, the Firefox build installed; `fixtures` = the https fixture server and its hosts. */
export async function launchFirefox(opts: { grants: string[]; fixtures: { port: number; hosts: string[] } }): Promise<TestFirefox> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('firefox-esr is not installed');
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const extension = await extensionGranting(opts.grants, FIREFOX_EXTENSION_DIR);
    stops.push(extension.dispose);
    const proxy = await fixtureProxy(opts.fixtures.hosts, opts.fixtures.port);
    stops.push(proxy.close);
    const userDataDir = await mkdtemp(join(tmpdir(), 'voronka-firefox-'));
    stops.push(() => rm(userDataDir, { recursive: true, force: true }));
    const browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: true,
      userDataDir,
      acceptInsecureCerts: true,
      // WebDriver BiDi navigates only to http(s)/file/blob unless system access is allowed; the
      // extension's own pages are moz-extension:// (Firefox's flag for such automation).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_GECKO_ID]: FIREFOX_EXTENSION_UUID }),
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      },
    });
    stops.push(() => browser.close());
    const extensionId = await browser.installExtension(extension.dir);
    return { browser, extensionId, close };
  } catch (err) {
    await close();
    throw err;
  }
}

export function firefoxExtensionUrl(path: string): string {
  return `${FIREFOX_EXTENSION_BASE}${path.replace(/^\//, '')}`;
}

/**
 * Opens one of the add-on's pages in a new tab. Firefox ESR 153 loads it but never reports the
 * navigation's end over BiDi for a moz-extension:// document (puppeteer's goto times out on a page
 * that is there): the load is started, not awaited, and the document itself is waited for.
 */
export async function openFirefoxExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = firefoxExtensionUrl(path);
  void page.goto(url).catch(() => undefined);
  await page.waitForFunction(
    (want: string) => {
      const { location, document } = globalThis as unknown as { location: { href: string }; document: { readyState: string } };
      return location.href === want && document.readyState === 'complete';
    },
    { timeout: 30_000 },
    url,
  );
  return page;
}

type BidiSend = (method: string, params: object) => Promise<{ result?: unknown; type?: string } & Record<string, unknown>>;

function bidi(page: Page): { send: BidiSend; context: string } {
  const connection = (page.browser() as unknown as { connection: { send: BidiSend } }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  return { send: (method, params) => connection.send(method, params), context };
}

/**
 * Runs `fn` in the page with the closed shadow root of the first element matching `selector` (null
 * when none). The page's own scripts cannot reach a closed shadow root; WebDriver BiDi serialises
 * it when asked (`includeShadowTree: 'all'`), so the test reads what the user sees, not a probe.
 */
export async function inClosedShadow<T>(page: Page, selector: string, fn: string): Promise<T | null> {
  const { send, context } = bidi(page);
  const found = (await send('script.evaluate', {
    expression: `document.querySelector(${JSON.stringify(selector)})`,
    target: { context },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  })) as { result: { type: string; result: { value?: { shadowRoot?: { sharedId: string } | null } } } };
  const shadow = found.result.result.value?.shadowRoot;
  if (!shadow) return null;
  const answer = (await send('script.callFunction', {
    // JSON across the wire: BiDi would hand back arrays and objects as typed remote values.
    functionDeclaration: `async (root) => JSON.stringify((await (${fn})(root)) ?? null)`,
    arguments: [{ sharedId: shadow.sharedId }],
    target: { context },
    awaitPromise: true,
    resultOwnership: 'none',
  })) as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
  if (answer.result.type === 'exception') throw new Error(`in the shadow root of ${selector}: ${answer.result.exceptionDetails?.text}`);
  return JSON.parse(answer.result.result?.value ?? 'null') as T | null;
}

/** The text drawn in the closed shadow root under `selector` (line breaks and runs of spaces collapsed; no-break spaces kept), or null. */
export function closedShadowText(page: Page, selector: string): Promise<string | null> {
  return inClosedShadow<string>(
    page,
    selector,
    `(root) => (root.querySelector('.voronka') ?? root).textContent.replace(/[ \\t\\r\\n]+/g, ' ').trim()`,
  );
}

/** Polls `read` until it returns a truthy value; returns it, or throws with the last value. */
export async function eventually<T>(what: string, read: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = monotonicMs() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await read();
      if (last) return last as T;
    } catch (err) {
      last = (err as Error).message;
    }
    if (monotonicMs() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
