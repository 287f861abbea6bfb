import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  FIXTURE_GRANTS,
  contentEventually,
  extensionGranting,
  fixturePages,
  inContentScript,
  launchBrowser,
  serveFixtureSites,
  signInAndEnableSites,
  stopServiceWorker,
  type FixtureSites,
  type TestBrowser,
  screenshotPath,
} from '../helpers/browser';
import { clickSidebar as click, fillAndSubmit } from '../helpers/sidebar';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * The mail sidebar with the built extension in Chromium: every saved webmail page is served at its
 * real https address (host-resolver-rules), the content script is the one chrome.scripting
 * registered for the enabled sites, and the card comes from the worker on workerd with a real D1.
 */

let server: TestWorker;
let sites: FixtureSites;
let extension: { dir: string; dispose: () => Promise<void> };
let chromium: TestBrowser;
let active: string[];

beforeAll(async () => {
  server = await startWorker({ http: true, bindings: { MAIL_OWN_DOMAINS: 'test.ru' } });
  await seedWorld(server);
  sites = await serveFixtureSites(fixturePages());
  extension = await extensionGranting(FIXTURE_GRANTS);
  chromium = await launchBrowser({ extension: true, extensionDir: extension.dir, args: sites.args });
  active = await signInAndEnableSites(chromium.browser, server.url.origin, world.users.managerA.email, PASSWORD);
});
afterAll(async () => {
  await chromium?.close();
  await extension?.dispose();
  await sites?.close();
  await server?.dispose();
});

const MAIL_PAGES: [string, string][] = [
  ['Gmail', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWkzrHvPfTnPqRsXwMnBlCkD'],
  ['Яндекс Почта', 'https://mail.yandex.ru/?uid=1130000057412345#/message/189151184303734786'],
  ['Mail.ru', 'https://e.mail.ru/inbox/0:17637180621457210551:0/'],
  [
    'Outlook',
    'https://outlook.office.com/mail/inbox/id/AAQkAGI2NzQ5ZmM0LTQ2ZTAtNDYxZC05MmQ3LTNkNzYzMTk2MDQ0ZgAQAP1bZ7SG0x5Ij5Tq7L3pWQM%3D',
  ],
  ['Roundcube', 'https://pochta.krovlya-service.ru/roundcube/?_task=mail&_mbox=INBOX&_uid=1&_action=show'],
  [
    'Roundcube (preview frame)',
    'https://pochta.krovlya-service.ru/roundcube/?_task=mail&_caps=pdf%3D1&_uid=1&_mbox=INBOX&_framed=1&_action=preview',
  ],
];

async function openMail(url: string): Promise<Page> {
  const page = await chromium.browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  await page.goto(url);
  return page;
}

/** The sidebar's text of one part (data-part), read inside the content script's closed shadow root. */
const part = (page: Page, name: string) =>
  inContentScript<string | null>(page, `voronkaPage.sidebar?.querySelector('[data-part="${name}"]')?.textContent ?? null`);
const shownCompany = (page: Page) => contentEventually<string>(page, 'voronkaPage.sidebarShown?.companyName');
const statusText = (page: Page, not = '') =>
  contentEventually<string>(
    page,
    `(() => { const t = voronkaPage.sidebar?.querySelector('[data-part="status"]')?.textContent; return t && t !== ${JSON.stringify(not)} ? t : null; })()`,
  );

const mailEvents = async (subject: string) =>
  (
    await server.db
      .prepare("SELECT company_id, direction, counterpart FROM events WHERE kind = 'mail' AND subject = ?")
      .bind(subject)
      .all<{ company_id: number; direction: string; counterpart: string }>()
  ).results;

describe('mail sidebar', () => {
  it('is registered only for the enabled and granted sites', () => {
    expect([...active].sort()).toEqual([...FIXTURE_GRANTS].sort());
  });

  it.each(MAIL_PAGES)('on %s shows ivan@krovlya.ru’s company «Кровля А», its contact and responsible manager', async (_site, url) => {
    const page = await openMail(url);

    expect(await shownCompany(page)).toBe('ООО "Кровля А"');
    expect(await part(page, 'owner')).toBe('Ответственный: Анна Менеджер');
    expect(await part(page, 'contact')).toBe('КонтактИван Петров, Снабженец+74951234567 · ivan@krovlya.ru');
    expect(await part(page, 'leads')).toBe('ИнтересыОткрытых интересов нет');
    await page.close();
  });

  it('logs the open Gmail thread once, even when «Записать письмо» is clicked twice, and shows it on the timeline', async () => {
    const page = await openMail(MAIL_PAGES[0]![1]);
    await shownCompany(page);

    await click(page, 'log-mail');
    const first = await statusText(page);
    await click(page, 'log-mail');
    const second = await statusText(page, first);

    expect([first, second]).toEqual(['Письмо записано в ленту клиента', 'Это письмо уже есть в ленте клиента']);
    expect(await mailEvents('Счёт на металлочерепицу для объекта в Химках')).toEqual([
      { company_id: world.companies.ofA, direction: 'in', counterpart: 'ivan@krovlya.ru' },
    ]);
    expect(
      await contentEventually(
        page,
        `voronkaPage.sidebar.querySelector('[data-part="timeline"]')?.textContent.includes('Письмо от клиента: Счёт на металлочерепицу для объекта в Химках')`,
      ),
    ).toBe(true);
    await page.screenshot({ path: screenshotPath('sidebar-gmail.png') });
    await page.close();
  });

  it('re-reads when another thread opens: an unknown sender is offered as a new client, created after the collision check', async () => {
    const page = await openMail(MAIL_PAGES[0]![1]);
    expect(await shownCompany(page)).toBe('ООО "Кровля А"');

    // Gmail swaps the conversation in place: another thread id, another sender.
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: {
            querySelector(s: string): { setAttribute(n: string, v: string): void } | null;
            querySelectorAll(s: string): { setAttribute(n: string, v: string): void }[];
          };
        }
      ).document;
      doc.querySelector('h2.hP')!.setAttribute('data-thread-perm-id', 'thread-f:99');
      for (const sender of doc.querySelectorAll('[email="ivan@krovlya.ru"]')) sender.setAttribute('email', 'orlov@stroymir-ekb.ru');
    });
    await contentEventually(page, `voronkaPage.sidebarShown?.threadKey === 'gmail:thread-f:99'`);

    expect(await part(page, 'unknown')).toBe('Клиент не найденИван Петров orlov@stroymir-ekb.ruСоздать клиента');
    await click(page, 'create-client');
    await fillAndSubmit(page, 'Строймир Екатеринбург');
    expect(await statusText(page)).toBe('Клиент создан: Строймир Екатеринбург');
    const created = await server.db
      .prepare(
        "SELECT c.owner_id, cp.value FROM companies c JOIN contact_points cp ON cp.company_id = c.id WHERE c.name = 'Строймир Екатеринбург'",
      )
      .all<{ owner_id: number; value: string }>();
    expect(created.results).toEqual([{ owner_id: world.users.managerA.id, value: 'orlov@stroymir-ekb.ru' }]);
    await page.close();
  });

  it('refuses «Создать клиента» for an address that is already someone’s client, saying whose', async () => {
    const page = await openMail(MAIL_PAGES[0]![1]);
    await shownCompany(page);
    // Manager B's client writes: A may not open the card, so the sidebar offers to create it.
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: {
            querySelector(s: string): { setAttribute(n: string, v: string): void } | null;
            querySelectorAll(s: string): { setAttribute(n: string, v: string): void }[];
          };
        }
      ).document;
      doc.querySelector('h2.hP')!.setAttribute('data-thread-perm-id', 'thread-f:100');
      for (const sender of doc.querySelectorAll('[email="ivan@krovlya.ru"]')) sender.setAttribute('email', 'zakaz@proflist-b.ru');
    });
    await server.db.prepare("INSERT INTO contacts (id, company_id, name, created_at) VALUES (301, 102, 'Пётр Заказов', 0)").run();
    await server.db
      .prepare("INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (301, 102, 'email', 'zakaz@proflist-b.ru')")
      .run();
    await contentEventually(page, `voronkaPage.sidebarShown?.threadKey === 'gmail:thread-f:100'`);

    await click(page, 'create-client');
    await fillAndSubmit(page, 'proflist-b.ru');

    expect(await statusText(page)).toBe('Уже есть в базе — ответственный Борис Менеджер, Москва');
    expect((await server.db.prepare("SELECT count(*) AS n FROM companies WHERE name = 'proflist-b.ru'").first<{ n: number }>())!.n).toBe(0);
    await page.close();
  });

  it('keeps working after Chrome stops the service worker: a note added next lands on the timeline', async () => {
    const page = await openMail(MAIL_PAGES[2]![1]);
    await shownCompany(page);

    await stopServiceWorker(chromium.browser);
    await click(page, 'note');
    await fillAndSubmit(page, 'Перезвонить по рекламации после 15:00');

    expect(await statusText(page)).toBe('Заметка добавлена');
    const notes = await server.db
      .prepare("SELECT company_id, user_id FROM events WHERE kind = 'note' AND subject = 'Перезвонить по рекламации после 15:00'")
      .all();
    expect(notes.results).toEqual([{ company_id: world.companies.ofA, user_id: world.users.managerA.id }]);
    await page.close();
  });
});
