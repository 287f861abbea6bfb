import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';
import { EXTENSION_ID } from '../../extension/identity';

const ROOT = join(__dirname, '..', '..');
export const EXTENSION_DIR = join(ROOT, 'dist', 'extension');
export const WIDGET_BUNDLE = join(ROOT, 'dist', 'public', 'w', 'today.js');
export { EXTENSION_ID };

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
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
export async function launchBrowser(opts: { extension?: boolean } = {}): Promise<TestBrowser> {
  if (opts.extension) requireBuilt(join(EXTENSION_DIR, 'manifest.json'));
  const userDataDir = await mkdtemp(join(tmpdir(), 'voronka-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      pipe: true, // loading an unpacked extension over CDP needs the pipe transport
      enableExtensions: Boolean(opts.extension),
      userDataDir,
      args: CHROMIUM_ARGS,
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
    const id = await browser.installExtension(EXTENSION_DIR).catch(async (err: unknown) => {
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
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin(id)),
    { timeout: 10_000 },
  );
  const worker = await target.worker();
  if (!worker) throw new Error('service worker target has no worker');
  const deadline = Date.now() + 10_000;
  while (!(await worker.evaluate(() => Boolean((globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id)))) {
    if (Date.now() > deadline) throw new Error('chrome.runtime never appeared in the service worker');
    await new Promise((r) => setTimeout(r, 50));
  }
  return worker;
}

/** Stops the service worker as Chrome does when idle (tutorial.terminate-sw) and waits until it is gone. */
export async function stopServiceWorker(browser: Browser, id = EXTENSION_ID): Promise<void> {
  const worker = await extensionServiceWorker(browser, id);
  await worker.close();
  const deadline = Date.now() + 10_000;
  while (browser.targets().some((t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin(id)))) {
    if (Date.now() > deadline) throw new Error('the service worker did not stop');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function extensionPageUrl(path: string, id = EXTENSION_ID): string {
  return `${extensionOrigin(id)}${path.replace(/^\//, '')}`;
}
