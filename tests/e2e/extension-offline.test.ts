import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  FIXTURE_GRANTS,
  contentEventually,
  extensionGranting,
  extensionServiceWorker,
  fixturePages,
  inContentScript,
  launchBrowser,
  openExtensionPage,
  serveFixtureSites,
  signInAndEnableSites,
  stopServiceWorker,
  type FixtureSites,
  type TestBrowser,
  saveScreenshot,
} from '../helpers/browser';
import type { PageElement } from '../helpers/dom';
import { clickSidebar as click, fillAndSubmit } from '../helpers/sidebar';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';
import { monotonicMs } from '../helpers/clock';
import { Relay } from '../helpers/relay';

/**
 * The offline queue: the extension talks to the worker through a TCP relay on a fixed port; "the
 * server goes away" closes that port (connection refused, as when the worker is down) and "comes
 * back" listens on it again. Actions taken meanwhile must wait in the extension — across a stopped
 * service worker — and land once each, in the order they were made.
 */

let server: TestWorker;
let relay: Relay;
let sites: FixtureSites;
let extension: { dir: string; dispose: () => Promise<void> };
let chromium: TestBrowser;

beforeAll(async () => {
  server = await startWorker({ http: true, bindings: { MAIL_OWN_DOMAINS: 'test.ru' } });
  await seedWorld(server);
  relay = new Relay(Number(server.url.port));
  await relay.up();
  sites = await serveFixtureSites(fixturePages());
  extension = await extensionGranting(FIXTURE_GRANTS);
  chromium = await launchBrowser({ extension: true, extensionDir: extension.dir, args: sites.args });
  await signInAndEnableSites(chromium.browser, `http://127.0.0.1:${relay.port}`, world.users.managerA.email, PASSWORD);
});
afterAll(async () => {
  await chromium?.close();
  await extension?.dispose();
  await sites?.close();
  await relay?.down();
  await server?.dispose();
});

/** The sidebar's status line once the action in progress finished (the buttons are enabled again). */
const statusText = (page: Page) =>
  contentEventually<string>(
    page,
    `(() => {
  const done = voronkaPage.sidebar?.querySelector('[data-action="log-mail"]')?.disabled === false;
  return done ? voronkaPage.sidebar.querySelector('[data-part="status"]')?.textContent ?? null : null;
})()`,
  );

const QUEUED = 'Нет связи с сервером: действие в очереди и отправится само, как только сервер ответит';

async function popupText(selector: string, want: (text: string) => boolean): Promise<string> {
  const popup = await openExtensionPage(chromium.browser, 'popup');
  const deadline = monotonicMs() + 15_000;
  let text = '';
  while (monotonicMs() < deadline) {
    text = await popup.$eval(selector, (el) => (el as unknown as PageElement).textContent ?? '').catch(() => '');
    if (want(text)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await popup.close();
  return text;
}

describe('offline queue', () => {
  it('keeps a note, a task and a logged mail made while the server is away, and delivers each once, in order, when it is back', async () => {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1280, height: 860 });
    await page.goto('https://e.mail.ru/inbox/0:17637180621457210551:0/');
    expect(await contentEventually(page, 'voronkaPage.sidebarShown?.companyName')).toBe('ООО "Кровля А"');

    await relay.down();
    await click(page, 'note');
    await fillAndSubmit(page, 'Офлайн: клиент просил КП до пятницы');
    const afterNote = await statusText(page);
    await click(page, 'task');
    await fillAndSubmit(page, 'Офлайн: отправить КП');
    const afterTask = await statusText(page);
    await click(page, 'log-mail');
    const afterMail = await statusText(page);

    expect([afterNote, afterTask, afterMail]).toEqual([QUEUED, QUEUED, QUEUED]);
    expect(await popupText('#queued', (t) => t === 'В очереди: 3')).toBe('В очереди: 3');
    // Signed in, only the server is away: the popup says so, not «Не подключено».
    expect(await popupText('#status', (t) => t === 'Сервер недоступен')).toBe('Сервер недоступен');
    // Chrome stops the idle worker while the server is still away: the queue is on disk, not in memory.
    await stopServiceWorker(chromium.browser);
    expect(
      await server.db
        .prepare("SELECT count(*) AS n FROM events WHERE subject LIKE 'Офлайн%' OR subject = 'Рекламация по партии водостоков'")
        .first<{ n: number }>(),
    ).toEqual({ n: 0 });

    await relay.up();
    // Opening the popup asks the server for the status; its answer sends the queue.
    expect(await popupText('#queued', (t) => t === 'Очередь пуста: всё отправлено')).toBe('Очередь пуста: всё отправлено');

    const note = await server.db
      .prepare("SELECT id, company_id FROM events WHERE kind = 'note' AND subject = 'Офлайн: клиент просил КП до пятницы'")
      .all<{ id: number; company_id: number }>();
    const task = await server.db
      .prepare("SELECT id, company_id, user_id FROM tasks WHERE title = 'Офлайн: отправить КП'")
      .all<{ id: number; company_id: number; user_id: number }>();
    const mail = await server.db
      .prepare("SELECT id, company_id FROM events WHERE kind = 'mail' AND subject = 'Рекламация по партии водостоков'")
      .all<{ id: number; company_id: number }>();
    expect([note.results.length, task.results.length, mail.results.length]).toEqual([1, 1, 1]);
    expect(task.results[0]).toMatchObject({ company_id: world.companies.ofA, user_id: world.users.managerA.id });
    expect(note.results[0]!.id).toBeLessThan(mail.results[0]!.id);
    // The order the server took them in: one idempotency key per action, in the order they were made.
    const keys = await server.db
      .prepare('SELECT request_hash, status FROM idempotency_keys WHERE user_id = ? ORDER BY id')
      .bind(world.users.managerA.id)
      .all<{ status: number }>();
    expect(keys.results.map((k) => k.status)).toEqual([201, 201, 200]);

    const worker = await extensionServiceWorker(chromium.browser);
    // This worker started after the stop: it sent each queued action once, each on its first try.
    const sends = await worker.evaluate(() =>
      (globalThis as unknown as { voronkaOutbox: { sends: { status: number }[] } }).voronkaOutbox.sends.map((s) => s.status),
    );
    expect(sends).toEqual([200, 200, 200]);

    const popup = await openExtensionPage(chromium.browser, 'popup');
    await popup.setViewport({ width: 380, height: 420 });
    await popup.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(
          '#queue-items li[data-state="sent"]',
        ).length === 3,
      { timeout: 10_000 },
    );
    expect(await popup.$$eval('#queue-items li', (items) => items.map((li) => (li as unknown as PageElement).textContent))).toEqual([
      'Письмо: Рекламация по партии водостоков — отправлено',
      'Задача: Офлайн: отправить КП — отправлено',
      'Заметка: Офлайн: клиент просил КП до пятницы — отправлено',
    ]);
    await saveScreenshot(popup, 'popup-queue.png');
    await popup.close();
    await page.close();
  });

  it('answers at once, without queueing, when the server refuses an action for good', async () => {
    const page = await chromium.browser.newPage();
    await page.goto('https://e.mail.ru/inbox/0:17637180621457210551:0/');
    await contentEventually(page, 'voronkaPage.sidebarShown?.companyName');
    // The company is handed to manager C meanwhile: A's note about it is refused with 404.
    await server.db
      .prepare('UPDATE companies SET owner_id = ?, region_id = 2 WHERE id = ?')
      .bind(world.users.managerC.id, world.companies.ofA)
      .run();

    await click(page, 'note');
    await fillAndSubmit(page, 'Заметка о чужом клиенте');

    expect(await statusText(page)).toBe('Не найдено');
    expect(await popupText('#queued', (t) => t.includes('отклонено'))).toBe('Очередь пуста: всё отправлено · отклонено: 1');
    await server.db
      .prepare('UPDATE companies SET owner_id = ?, region_id = 1 WHERE id = ?')
      .bind(world.users.managerA.id, world.companies.ofA)
      .run();
    await page.close();
  });
});
