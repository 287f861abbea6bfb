import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Frame, Page } from 'puppeteer-core';
import type { PageElement, PageGlobals } from '../helpers/dom';
import { WIDGET_BUNDLE, launchBrowser, requireBuilt, type TestBrowser } from '../helpers/browser';
import { startWorker, type TestWorker } from '../helpers/worker';
import { createToken, seedWorld, sessionCookie, world } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

const REVOKED_TEXT = 'Токен отозван или истёк — создайте новый на странице токенов';

/** Imitates the 1C home page: an HTML field holding the widget iframe, sized by its height messages. */
function homePage1C(widgetUrl: string): string {
  const src = widgetUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Начальная страница — 1С:Управление торговлей</title></head>
<body><h1>Начальная страница</h1>
<iframe id="voronka" src="${src}" title="Воронка" style="width:100%;border:0;height:150px"></iframe>
<script>
window.heightMessages = [];
addEventListener('message', (event) => {
  const frame = document.getElementById('voronka');
  if (event.source !== frame.contentWindow || !event.data || event.data.type !== 'voronka:height') return;
  window.heightMessages.push({ origin: event.origin, height: event.data.height });
  frame.style.height = event.data.height + 'px';
});
</script></body></html>`;
}

let host: Server;
let hostOrigin: string;
let server: TestWorker;
let chromium: TestBrowser;
let cookie: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  requireBuilt(WIDGET_BUNDLE);
  host = createServer((req, res) => {
    const widgetUrl = new URL(req.url ?? '/', 'http://host').searchParams.get('widget') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(homePage1C(widgetUrl));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  server = await startWorker({ http: true, assets: true, bindings: { FRAME_ANCESTORS: hostOrigin } });
  await seedWorld(server);
  cookie = await sessionCookie(server, 'managerA');
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
  await new Promise((resolve) => host?.close(resolve));
});

beforeEach(async () => {
  context = await chromium.browser.createBrowserContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

const widgetUrl = (secret: string) => new URL(`/w/today?t=${encodeURIComponent(secret)}`, server.url).toString();

/** Text at data-testid inside the widget's shadow root, null when absent (runs inside Chromium). */
function readWidgetText(testId: string): string | null {
  const root = (globalThis as unknown as PageGlobals).document.querySelector('voronka-today')?.shadowRoot;
  return root?.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null;
}

/** Waits until the widget shows `expected` at data-testid; returns what it finally shows so failures read well. */
async function widgetTextEventually(frame: Frame, testId: string, expected: string, timeout = 10_000): Promise<string | null> {
  await frame
    .waitForFunction(
      (id: string, want: string) => {
        const root = (globalThis as unknown as PageGlobals).document.querySelector('voronka-today')?.shadowRoot;
        return root?.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === want;
      },
      { timeout },
      testId,
      expected,
    )
    .catch(() => undefined);
  return frame.evaluate(readWidgetText, testId);
}

describe('«Мой день» widget page', () => {
  it('shows manager A’s day, and counts a call made today after a reload', async () => {
    const { secret } = await createToken(server, cookie, 'embed');
    await page.goto(widgetUrl(secret));
    const frame = page.mainFrame();
    expect(await widgetTextEventually(frame, 'user-name', 'Анна Менеджер')).toBe('Анна Менеджер');
    expect(await widgetTextEventually(frame, 'calls-today', '0')).toBe('0');
    expect(await widgetTextEventually(frame, 'targeted-calls', 'из них целевых 0')).toBe('из них целевых 0');

    await server.db
      .prepare(
        "INSERT INTO events (kind, source, external_id, occurred_at, user_id, direction, duration_sec, call_result, targeted, created_at) VALUES ('call','manual','t1',?,?,'out',45,'answered',1,?)",
      )
      .bind(TEST_NOW, world.users.managerA.id, TEST_NOW)
      .run();
    await page.reload();

    expect(await widgetTextEventually(frame, 'calls-today', '1')).toBe('1');
    expect(await widgetTextEventually(frame, 'targeted-calls', 'из них целевых 1')).toBe('из них целевых 1');
    expect(await widgetTextEventually(frame, 'open-leads', '0')).toBe('0');
    expect(await widgetTextEventually(frame, 'overdue-tasks', '0')).toBe('0');
  });

  it('says the token was revoked once it is revoked on the server', async () => {
    const token = await createToken(server, cookie, 'embed');
    await page.goto(widgetUrl(token.secret));
    expect(await widgetTextEventually(page.mainFrame(), 'user-name', 'Анна Менеджер')).toBe('Анна Менеджер');

    const revoked = await server.fetch(`/api/tokens/${token.id}`, { method: 'DELETE', headers: { cookie } });
    expect(revoked.status).toBe(200);
    await page.reload();

    expect(await widgetTextEventually(page.mainFrame(), 'state', REVOKED_TEXT)).toBe(REVOKED_TEXT);
    expect(await page.mainFrame().evaluate(readWidgetText, 'calls-today')).toBeNull();
  });

  it('keeps the figures the page carried and says the server is unreachable when a refresh fails', async () => {
    const { secret } = await createToken(server, cookie, 'embed');
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().includes('/api/widgets/today')) void request.abort('internetdisconnected');
      else void request.continue();
    });

    // The iframe page carries the first figures, so they show although the API cannot be reached;
    // the first refresh (after 1 s here) fails and the widget says since when the figures are.
    await page.goto(`${widgetUrl(secret)}&refresh=1`);
    expect(await widgetTextEventually(page.mainFrame(), 'user-name', 'Анна Менеджер')).toBe('Анна Менеджер');
    await page.mainFrame().waitForFunction(
      () => {
        const root = (globalThis as unknown as PageGlobals).document.querySelector('voronka-today')?.shadowRoot;
        return root?.querySelector('[data-testid="state"]')?.textContent?.startsWith('Нет связи — данные на ');
      },
      { timeout: 10_000 },
    );
    expect(await page.mainFrame().evaluate(readWidgetText, 'state')).toMatch(/^Нет связи — данные на \d{2}:\d{2}$/);
    expect(await page.mainFrame().evaluate(readWidgetText, 'calls-today')).not.toBeNull();
  });
});

describe('«Мой день» widget inside the 1C home page', () => {
  it('loads in the iframe and reports its height to the host page', async () => {
    const { secret } = await createToken(server, cookie, 'embed');

    await page.goto(`${hostOrigin}/?widget=${encodeURIComponent(widgetUrl(secret))}`);
    await page.waitForFunction(() => (globalThis as unknown as { heightMessages?: unknown[] }).heightMessages?.length, { timeout: 10_000 });
    const frame = page.frames().find((f) => f.url().startsWith(server.url.origin));
    expect(frame).toBeDefined();
    expect(await widgetTextEventually(frame!, 'user-name', 'Анна Менеджер')).toBe('Анна Менеджер');
    const frameHeight = await frame!.evaluate(() => {
      const { document } = globalThis as unknown as { document: { documentElement: { getBoundingClientRect(): { height: number } } } };
      return Math.ceil(document.documentElement.getBoundingClientRect().height);
    });
    await page
      .waitForFunction(
        (h: number) => (globalThis as unknown as { heightMessages: { height: number }[] }).heightMessages.at(-1)?.height === h,
        { timeout: 5_000 },
        frameHeight,
      )
      .catch(() => undefined);
    const messages = await page.evaluate(
      () => (globalThis as unknown as { heightMessages: { origin: string; height: number }[] }).heightMessages,
    );

    expect(frameHeight).toBeGreaterThan(100);
    expect(messages.at(-1)).toEqual({ origin: server.url.origin, height: frameHeight });
    expect(await page.$eval('#voronka', (el) => (el as unknown as PageElement).getAttribute('style'))).toContain(
      `height: ${frameHeight}px`,
    );
  });
});

describe('widget bundle', () => {
  it('stays within 10 KB gzip', () => {
    const gzipped = gzipSync(readFileSync(WIDGET_BUNDLE), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(10 * 1024);
  });
});
