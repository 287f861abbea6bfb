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
  saveScreenshot,
} from '../helpers/browser';
import { type Box, clickSidebar as click, fillAndSubmit, messageArea, panelBox } from '../helpers/sidebar';
import { clampWidth, coverShare, SIDEBAR_WIDTH } from '../../extension/src/shared/sidebar-model';
import { apiAs } from '../helpers/api';
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
    expect(await part(page, 'contact')).toBe('КонтактИван Петров, Снабженец+7\u00a0495\u00a0123-45-67 · ivan@krovlya.ru');
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
    await saveScreenshot(page, 'sidebar-gmail.png');
    await page.close();
  });

  it('names an open lead by what the client needs, with its stage and amount', async () => {
    // The manager opens a lead from the card's composer (what its form posts).
    const opened = await apiAs(server, 'managerA').post('/api/leads', {
      companyId: world.companies.ofA,
      subject: 'Металлочерепица на склад в Химках',
      stageId: 'qualified',
      amountKopecks: 48_000_000,
    });
    expect(opened.status).toBe(201);
    const page = await openMail(MAIL_PAGES[0]![1]);
    expect(await shownCompany(page)).toBe('ООО "Кровля А"');
    expect(await part(page, 'leads')).toMatch(/^ИнтересыМеталлочерепица на склад в ХимкахПотребность выявлена · 480\s000,00\s₽Дальше: /);
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
    // The mail it was created from is logged in the same step.
    expect(await statusText(page)).toBe('Клиент создан: Строймир Екатеринбург. Письмо записано в ленту клиента');
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

describe('hosted webmail: the mail is filed at its own date', () => {
  // What each saved page shows beside the message (tests/fixtures/hosts/expected.ts dateText), in this
  // machine's zone as the browser reads it: Gmail's span.g3 title of the latest message, Yandex's
  // and Mail.ru's «26 ноября 2025 …» (a last-year mail carries its year), Outlook's «Чт 26.11.2026 10:15».
  it.each([
    ['gmail', MAIL_PAGES[0]![1], new Date(2026, 10, 26, 11, 2).getTime()],
    ['yandex-mail', MAIL_PAGES[1]![1], new Date(2025, 10, 26, 10, 15).getTime()],
    ['mailru', MAIL_PAGES[2]![1], new Date(2025, 10, 26, 10, 15).getTime()],
    ['outlook', MAIL_PAGES[3]![1], new Date(2026, 10, 26, 10, 15).getTime()],
  ])('%s: «Записать письмо» stores the event at the date the page shows, not at the click', async (site, url, shownAt) => {
    const page = await openMail(url);
    await shownCompany(page);
    await click(page, 'log-mail');
    // Gmail's thread was logged above already: then it is the same event, at the same date.
    expect(['Письмо записано в ленту клиента', 'Это письмо уже есть в ленте клиента']).toContain(await statusText(page));

    const rows = await server.db
      .prepare("SELECT occurred_at FROM events WHERE kind = 'mail' AND external_id LIKE ? AND counterpart = 'ivan@krovlya.ru'")
      .bind(`${site}.%`)
      .all<{ occurred_at: number }>();
    expect(rows.results).toEqual([{ occurred_at: shownAt }]);
    await page.close();
  });
});

const ROUNDCUBE = MAIL_PAGES[4]![1];
const ROUNDCUBE_PREVIEW = MAIL_PAGES[5]![1];

const panelClass = (page: Page) => inContentScript<string | null>(page, `voronkaPage.sidebar?.querySelector('aside')?.className ?? null`);

async function openAt(url: string, width: number, height: number): Promise<Page> {
  const page = await chromium.browser.newPage();
  await page.setViewport({ width, height });
  await page.goto(url);
  await shownCompany(page);
  return page;
}

describe('the sidebar shares the screen', () => {
  it.each([
    ['Roundcube at 1280×800', ROUNDCUBE, 1280],
    // Roundcube's preview pane is 720 px wide at 1280×800; the content script runs inside that frame.
    ['Roundcube’s 720 px preview pane', ROUNDCUBE_PREVIEW, 720],
  ])('%s: docked beside the mail, it covers at most a quarter of the message area', async (_case, url, width) => {
    const page = await openAt(url, width, 800);
    const panel = await panelBox(page);
    const area = await messageArea(page);

    expect(coverShare(panel, area)).toBeLessThanOrEqual(0.25);
    expect(area.right).toBeLessThanOrEqual(panel.left + 1);
    expect(panel.width).toBe(clampWidth(SIDEBAR_WIDTH.default, width));
    await saveScreenshot(page, `sidebar-roundcube-${width}.png`);
    await page.close();
  });

  it('collapses to a strip and opens the next message on the same site collapsed; a dragged width is bounded and remembered', async () => {
    const page = await openAt(ROUNDCUBE, 1280, 800);
    await click(page, 'collapse');
    expect(await contentEventually(page, `voronkaPage.sidebar.querySelector('aside.strip') !== null`)).toBe(true);
    const strip = await panelBox(page);
    expect(coverShare(strip, await messageArea(page))).toBe(0);
    await page.close();

    const next = await openAt(ROUNDCUBE_PREVIEW, 720, 800);
    expect(await panelClass(next)).toBe('panel strip');
    await click(next, 'expand');
    await next.close();

    const wide = await openAt(ROUNDCUBE, 1280, 800);
    expect(await panelClass(wide)).toBe('panel docked');
    const grip = await contentEventually<Box>(
      wide,
      `(() => { const r = voronkaPage.sidebar.querySelector('[data-part="grip"]')?.getBoundingClientRect(); return r && { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width }; })()`,
    );
    await wide.mouse.move(grip.left + 2, 400);
    await wide.mouse.down();
    await wide.mouse.move(1280 - 380, 400, { steps: 4 });
    await wide.mouse.move(100, 400, { steps: 4 }); // far past the bound
    await wide.mouse.up();
    expect((await panelBox(wide)).width).toBe(clampWidth(10_000, 1280));
    await wide.close();

    const again = await openAt(ROUNDCUBE, 1280, 800);
    expect((await panelBox(again)).width).toBe(clampWidth(10_000, 1280));
    await again.close();
  });
});

describe('Roundcube: the mail itself', () => {
  const replace = (page: Page, sender: { email: string; name: string; uid: string }, body: string | null) =>
    page.evaluate(
      (s: { email: string; name: string; uid: string }, text: string | null) => {
        type El = { setAttribute(n: string, v: string): void; textContent: string | null; innerHTML: string };
        const doc = (globalThis as unknown as { document: { querySelector(q: string): El | null; querySelectorAll(q: string): El[] } })
          .document;
        const from = doc.querySelector('td.header.from .rcmContactAddress')!;
        from.setAttribute('title', s.email);
        from.textContent = s.name;
        for (const script of doc.querySelectorAll('script:not([src])'))
          if (script.textContent?.includes('rcmail.set_env('))
            script.textContent = script.textContent.replace('"uid":"1"', `"uid":"${s.uid}"`);
        if (text !== null) doc.querySelector('#messagebody .pre')!.textContent = text;
      },
      sender,
      body,
    );

  it('«Записать письмо» files the mail at its own date (the page’s «2026-11-26 07:15»), not at the click', async () => {
    const page = await openAt(ROUNDCUBE, 1280, 800);
    await click(page, 'log-mail');
    expect(await statusText(page)).toBe('Письмо записано в ленту клиента');
    const row = await server.db
      .prepare("SELECT occurred_at FROM events WHERE kind = 'mail' AND external_id LIKE 'roundcube.%'")
      .first<{ occurred_at: number }>();
    // The browser reads the page in this machine's zone, as Node does.
    expect(row!.occurred_at).toBe(new Date(2026, 10, 26, 7, 15).getTime());
    await page.close();
  });

  it('«Создать клиента» takes the display name and the signature, and logs the mail in the same step', async () => {
    const page = await openAt(ROUNDCUBE, 1280, 800);
    await replace(
      page,
      { email: 'sergey.orlov@stroymir-ural.ru', name: 'Сергей Орлов', uid: '7' },
      'Добрый день! Нужен профлист.\n\nС уважением,\nСергей Орлов\nГлавный инженер\nАО «Строймир-Урал»\nТел.: 8 (343) 210-00-11, доб. 5\n',
    );
    await contentEventually(page, `voronkaPage.sidebarShown?.threadKey === 'roundcube:pochta.krovlya-service.ru/INBOX/7'`);
    await click(page, 'create-client');
    await contentEventually(page, `Boolean(voronkaPage.sidebar?.querySelector('[data-part="form"] [name="text"]'))`);
    const fields = await inContentScript<string[]>(
      page,
      `['text', 'contact-name', 'position', 'phones'].map((n) => voronkaPage.sidebar.querySelector('[data-part="form"] [name="' + n + '"]').value)`,
    );
    expect(fields).toEqual(['АО «Строймир-Урал»', 'Сергей Орлов', 'Главный инженер', '+7\u00a0343\u00a0210-00-11 доб.\u00a05']);
    await click(page, 'submit');

    expect(await statusText(page)).toBe('Клиент создан: АО «Строймир-Урал». Письмо записано в ленту клиента');
    const company = await server.db.prepare("SELECT id FROM companies WHERE name = 'АО «Строймир-Урал»'").first<{ id: number }>();
    const contact = await server.db
      .prepare('SELECT name, position FROM contacts WHERE company_id = ?')
      .bind(company!.id)
      .all<{ name: string; position: string }>();
    expect(contact.results).toEqual([{ name: 'Сергей Орлов', position: 'Главный инженер' }]);
    const points = await server.db
      .prepare('SELECT kind, value, extension FROM contact_points WHERE company_id = ? ORDER BY kind')
      .bind(company!.id)
      .all();
    expect(points.results).toEqual([
      { kind: 'email', value: 'sergey.orlov@stroymir-ural.ru', extension: null },
      { kind: 'phone', value: '+73432100011', extension: '5' },
    ]);
    expect(
      (await server.db.prepare("SELECT company_id FROM events WHERE kind = 'mail' AND counterpart = 'sergey.orlov@stroymir-ural.ru'").all())
        .results,
    ).toEqual([{ company_id: company!.id }]);
    await page.close();
  });

  it('an unknown participant in Cc of a known client’s thread is offered as «Добавить контакт» and joins the company', async () => {
    const page = await openAt(ROUNDCUBE, 1280, 800);
    await page.evaluate(() => {
      type El = { append(...n: unknown[]): void; setAttribute(n: string, v: string): void; className: string; textContent: string };
      const doc = (globalThis as unknown as { document: { querySelector(q: string): El | null; createElement(t: string): El } }).document;
      const a = doc.createElement('a');
      a.className = 'rcmContactAddress';
      a.setAttribute('title', 'buh@krovlya.ru');
      a.textContent = 'Ольга Счетова';
      doc.querySelector('td.header.cc')!.append(a);
    });
    expect(await contentEventually(page, `voronkaPage.sidebar.querySelector('[data-part="newcomers"]')?.textContent`)).toBe(
      'Нет в карточкеОльга Счетова buh@krovlya.ru Добавить контакт',
    );
    await click(page, 'add-contact');
    expect(await statusText(page)).toBe('Контакт добавлен: Ольга Счетова');
    const added = await server.db
      .prepare(
        "SELECT c.name, cp.company_id FROM contact_points cp JOIN contacts c ON c.id = cp.contact_id WHERE cp.value = 'buh@krovlya.ru'",
      )
      .all();
    expect(added.results).toEqual([{ name: 'Ольга Счетова', company_id: world.companies.ofA }]);
    expect(await contentEventually(page, `voronkaPage.sidebar.querySelector('[data-part="newcomers"]') === null`)).toBe(true);
    await page.close();
  });
});
