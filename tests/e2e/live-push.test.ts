import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, WebWorker } from 'puppeteer-core';
import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import {
  EXTENSION_DIR,
  extensionPageUrl,
  extensionServiceWorker,
  launchBrowser,
  requireBuilt,
  stopServiceWorker,
  type TestBrowser,
} from '../helpers/browser';
import type { PageGlobals } from '../helpers/dom';
import { TEST_SECRETS, startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, sessionCookie, world } from '../helpers/world';
import { monotonicMs, TEST_NOW, TEST_NOW_S } from '../helpers/clock';

const MANIFEST = join(EXTENSION_DIR, 'manifest.json');

interface LiveState {
  state: string;
  received: { type: string; callId?: string; receivedAt: number }[];
}
type Notifications = { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } };

let server: TestWorker;
let chromium: TestBrowser;
let worker: WebWorker;
let cookieA: string;
let pages: { options: string; popup: string };

beforeAll(async () => {
  requireBuilt(MANIFEST);
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { options_ui: { page: string }; action: { default_popup: string } };
  pages = { options: manifest.options_ui.page, popup: manifest.action.default_popup };
  server = await startWorker({ http: true });
  await seedWorld(server);
  cookieA = await sessionCookie(server, 'managerA');
  chromium = await launchBrowser({ extension: true });
  // Manager A signs in through the options page, as a user does; that opens the live channel.
  const options = await open('options');
  await options.locator('#server-url').fill(server.url.origin);
  await options.locator('#email').fill(world.users.managerA.email);
  await options.locator('#password').fill(PASSWORD);
  await options.click('#sign-in');
  worker = await extensionServiceWorker(chromium.browser);
  await liveState((s) => s.state === 'open', 'the live channel to open');
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

async function open(page: keyof typeof pages): Promise<Page> {
  const tab = await chromium.browser.newPage();
  await tab.goto(extensionPageUrl(pages[page]));
  return tab;
}

/** Probes until `ok` holds or the time is up; returns the last value either way. */
async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = monotonicMs() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || monotonicMs() > deadline) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The service worker's live diagnostics (times recorded there on receipt), once `done` holds. */
async function liveState(done: (s: LiveState) => boolean, what: string): Promise<LiveState> {
  const state = await eventually(
    () => worker.evaluate(() => (globalThis as unknown as { voronkaLive: LiveState }).voronkaLive),
    done,
    10_000,
  );
  if (!done(state)) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state)}`);
  return state;
}

const notifications = (id: string) =>
  eventually(
    () => worker.evaluate(async () => Object.keys(await (globalThis as unknown as Notifications).chrome.notifications.getAll())),
    (ids) => ids.includes(id),
  );

/** Manager A's open sockets as the server counts them. */
const socketsOfA = (want: number) =>
  eventually(
    async () =>
      ((await (await server.fetch('/api/live?status=1', { headers: { cookie: cookieA } })).json()) as { sockets: number }).sockets,
    (n) => n === want,
  );

async function testPush(): Promise<{ at: number; delivered: number }> {
  const res = await server.fetch('/api/live/test', { method: 'POST', headers: { cookie: cookieA } });
  expect(res.status).toBe(200);
  return (await res.json()) as { at: number; delivered: number };
}

describe('live push into the extension', () => {
  // How fast is bench's (push.latency_p95_ms, extension.popup_latency_ms ≤ 300 ms); a test proves that it arrives.
  it('delivers «Проверить уведомления» (POST /api/live/test) to the service worker and shows a notification', async () => {
    for (let i = 0; i < 5; i++) {
      const before = (await liveState(() => true, '')).received.length;
      const { at, delivered } = await testPush();
      const state = await liveState((s) => s.received.length > before, 'the test message');

      expect(delivered).toBe(1);
      expect(state.received.at(-1)!.type).toBe('test');
      expect(await notifications(`test:${at}`)).toContain(`test:${at}`);
    }
  });

  it('rings manager A for a signed generic call.ringing webhook', async () => {
    const popup = await open('popup');
    const callId = 'e2e-ring-1';
    const body = JSON.stringify({
      type: 'call.ringing',
      call_id: callId,
      timestamp: TEST_NOW,
      direction: 'in',
      from: '+74951234567',
      to: '+74950000000',
      extension: '101',
    });
    const id = `msg_${callId}`;
    const ts = TEST_NOW_S;
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': await signStandardWebhook(TEST_SECRETS.TELEPHONY_WEBHOOK_SECRET, id, ts, body),
    };
    const before = (await liveState(() => true, '')).received.length;

    const res = await server.fetch('/hooks/telephony/generic', { method: 'POST', body, headers });
    const state = await liveState((s) => s.received.slice(before).some((r) => r.callId === callId), 'the ringing call');

    expect(res.status).toBe(200);
    expect(state.received.filter((r) => r.callId === callId).map((r) => r.type)).toEqual(['call.ringing']);
    const notice = `call:${world.companies.ofA}:${callId}`;
    expect(await notifications(notice)).toContain(notice);
    await popup.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelector('#ringing')?.textContent ===
        'Звонит: ООО "Кровля А", Иван Петров, ответственный Анна Менеджер',
      { timeout: 5_000 },
    );
  });

  it('reopens the channel when Chrome restarts the stopped service worker', async () => {
    await stopServiceWorker(chromium.browser);
    await open('popup'); // its status request wakes the worker
    worker = await extensionServiceWorker(chromium.browser);

    await liveState((s) => s.state === 'open', 'the live channel to reopen');
    expect((await testPush()).delivered).toBe(1);
    await liveState((s) => s.received.some((r) => r.type === 'test'), 'a test message on the new socket');
  });

  it('closes the channel on «Выйти»', async () => {
    expect(await socketsOfA(1)).toBe(1);
    const options = await open('options');
    await options.waitForSelector('#sign-out');

    await options.click('#sign-out');

    await liveState((s) => s.state === 'idle', 'the channel to close');
    expect(await socketsOfA(0)).toBe(0);
  });
});
