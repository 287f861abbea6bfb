import type { Frame, Page } from 'puppeteer-core';
import { roundcube } from '../../extension/src/hosts/roundcube';
import { coverShare } from '../../extension/src/shared/sidebar-model';
import {
  contentEventually,
  extensionGranting,
  inContentScript,
  launchBrowser,
  openExtensionPage,
  saveScreenshot,
  signInAndEnableSites,
  type TestBrowser,
} from '../helpers/browser';
import { monotonicMs } from '../helpers/clock';
import { messageArea, panelBox } from '../helpers/sidebar';
import { openFromList, type RoundcubeServer, roundcubeAvailability, signInToRoundcube, startRoundcube } from '../helpers/roundcube';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * The built extension on a real Roundcube 1.6.5 (Debian's package, elastic skin) reading a real
 * Dovecot mailbox (tests/fixtures/roundcube/mailbox), in Chromium, against the worker on workerd:
 * signed in through Roundcube's own login form, the site turned on in the options page, messages
 * opened by clicking the list — the preview loads into the iframe #messagecontframe, where the
 * content script runs (all frames) and docks the card.
 *
 * Needs Roundcube + Dovecot installed (tests/helpers/roundcube.ts installs them as root with
 * apt-get); elsewhere the suite is skipped and says why.
 */

const availability = roundcubeAvailability();
if (!availability.ok) console.warn(`⚠ extension-roundcube: SKIPPED — ${availability.reason}`);
const suite = availability.ok ? describe : describe.skip;
const skipNote = availability.ok ? '' : ` [SKIPPED: ${availability.reason}]`;

/** The company's intranet webmail, as a user types it: plain http, resolved by Chromium to the php -S port. */
const WEBMAIL = 'http://pochta.krovlya-intranet.ru';
const PREVIEW = 'messagecontframe';
const SUBJECTS = {
  known: 'Счёт на металлочерепицу для объекта в Химках',
  cc: 'Re: Акт сверки за ноябрь',
  unknown: 'Запрос цены: профлист С21 для склада в Екатеринбурге',
};
/** The known client's mail's own Date header (tests/fixtures/roundcube/mailbox/1764141300…eml). */
const KNOWN_MAIL_DATE = Date.parse('Wed, 26 Nov 2025 10:15:00 +0300');

let server: TestWorker;
let mail: RoundcubeServer;
let extension: { dir: string; dispose: () => Promise<void> };
let chromium: TestBrowser;
let page: Page;

if (availability.ok) {
  beforeAll(async () => {
    mail = await startRoundcube();
    server = await startWorker({ http: true, bindings: { MAIL_OWN_DOMAINS: 'test.ru' } });
    await seedWorld(server);
    // Chrome's permission prompt cannot be answered from CDP: the copy holds the grant the user's «Разрешить» gives.
    extension = await extensionGranting([`${WEBMAIL}/*`]);
    chromium = await launchBrowser({
      extension: true,
      extensionDir: extension.dir,
      args: [
        `--host-resolver-rules=MAP ${new URL(WEBMAIL).hostname} 127.0.0.1:${mail.port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`,
      ],
    });
    await signInAndEnableSites(chromium.browser, server.url.origin, world.users.managerA.email, PASSWORD, {
      sites: [],
      customOrigins: [],
      callPopups: true,
    });
    // The site is turned on the way a user does it: its address typed into the options page.
    const options = await openExtensionPage(chromium.browser, 'options');
    await options.waitForSelector('#custom-origin');
    await options.locator('#custom-origin').fill(`${WEBMAIL}/?_task=mail`);
    await options.click('#add-origin-submit');
    await options.waitForSelector(`li[data-origin="${WEBMAIL}"] [data-testid="insecure-warning"]`);
    await options.close();

    page = await chromium.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.emulateTimezone('Europe/Moscow'); // Roundcube takes the browser's zone at login, the extension reads dates in it
    await page.goto(`${WEBMAIL}/`);
    await signInToRoundcube(page);
  });
  afterAll(async () => {
    await chromium?.close();
    await extension?.dispose();
    await server?.dispose();
    await mail?.stop();
  });
}

const inPreview = <T>(expression: string) => inContentScript<T>(page, expression, PREVIEW);
const previewEventually = <T>(expression: string) => contentEventually<T>(page, expression, undefined, PREVIEW);
const shownCompany = () => previewEventually<string>('voronkaPage.sidebarShown?.companyName');
const part = (name: string) => inPreview<string | null>(`voronkaPage.sidebar?.querySelector('[data-part="${name}"]')?.textContent ?? null`);
const click = (action: string) =>
  inPreview<boolean>(
    `(() => { const b = voronkaPage.sidebar?.querySelector('[data-action="${action}"]'); b?.click(); return Boolean(b); })()`,
  );
const statusText = (not = '') =>
  previewEventually<string>(
    `(() => { const t = voronkaPage.sidebar?.querySelector('[data-part="status"]')?.textContent; return t && t !== ${JSON.stringify(not)} ? t : null; })()`,
  );

/** Opens a message from the list and waits until the card for it is drawn in the preview frame. */
async function open(subject: string): Promise<Frame> {
  const frame = await openFromList(page, subject);
  await previewEventually(`voronkaPage.sidebarShown?.threadKey?.startsWith('roundcube:') && voronkaPage.sidebarShown`);
  return frame;
}

suite(`the extension on a real Roundcube 1.6 + Dovecot${skipNote}`, () => {
  it('reads the real preview frame as the adapter says: sender, recipients, subject, the IMAP uid, the date shown', async () => {
    const frame = await openFromList(page, SUBJECTS.known);
    const read = await frame.evaluate(
      (s: { header: string; from: string; to: string; subject: string; date: string }) => {
        const doc = (
          globalThis as unknown as {
            document: {
              querySelector(q: string): { textContent: string | null; getAttribute(n: string): string | null } | null;
              body: { className: string };
            };
          }
        ).document;
        return {
          body: doc.body.className.split(' ').filter((c) => c.startsWith('action-') || c.startsWith('task-')),
          header: doc.querySelector(s.header) !== null,
          from: doc.querySelector(s.from)?.getAttribute('title'),
          to: doc.querySelector(s.to)?.getAttribute('title'),
          date: doc.querySelector(s.date)?.textContent?.trim(),
        };
      },
      roundcube.selectors as unknown as { header: string; from: string; to: string; subject: string; date: string },
    );
    expect(read).toEqual({
      body: ['task-mail', 'action-preview'],
      header: true,
      from: 'ivan@krovlya.ru',
      to: 'a@test.ru',
      date: '2025-11-26 10:15',
    });
    // The top page (the list) reads no message: the card is drawn once, in the frame.
    expect(await shownCompany()).toBe('ООО "Кровля А"');
    expect(await page.evaluate(`document.querySelectorAll('[data-voronka="sidebar"]').length`)).toBe(0);
  });

  it('shows the known client’s card beside the mail, covering at most a quarter of the message area at 1280×800', async () => {
    const frame = await open(SUBJECTS.known);
    expect(await shownCompany()).toBe('ООО "Кровля А"');
    expect(await part('owner')).toBe('Ответственный: Анна Менеджер');
    expect(await part('contact')).toBe('КонтактИван Петров, Снабженец+7\u00a0495\u00a0123-45-67 · ivan@krovlya.ru');

    const panel = await panelBox(page, PREVIEW);
    const area = await messageArea(frame);
    const share = coverShare(panel, area);
    console.log(
      `Roundcube 1280×800: message area ${Math.round(area.right - area.left)} px wide, card ${Math.round(panel.right - panel.left)} px, covers ${(share * 100).toFixed(1)} %`,
    );
    expect(share).toBeLessThanOrEqual(0.25);
    await saveScreenshot(page, 'roundcube-real-card.png');
  });

  it('«Записать письмо» files the mail once, at its own Date header — not on a second click, not after a reload', async () => {
    await open(SUBJECTS.known);
    await click('log-mail');
    const first = await statusText();
    await click('log-mail');
    const second = await statusText(first);
    expect([first, second]).toEqual(['Письмо записано в ленту клиента', 'Это письмо уже есть в ленте клиента']);

    await page.reload();
    await page.waitForSelector('#messagelist tbody tr');
    await open(SUBJECTS.known);
    await click('log-mail');
    expect(await statusText()).toBe('Это письмо уже есть в ленте клиента');

    const rows = await server.db
      .prepare("SELECT company_id, direction, counterpart, occurred_at FROM events WHERE kind = 'mail' AND subject = ?")
      .bind(SUBJECTS.known)
      .all();
    expect(rows.results).toEqual([
      { company_id: world.companies.ofA, direction: 'in', counterpart: 'ivan@krovlya.ru', occurred_at: KNOWN_MAIL_DATE },
    ]);
  });

  it('an unknown sender: «Создать клиента» from the signature (company, position, phone) logs the mail in the same step', async () => {
    await open(SUBJECTS.unknown);
    expect(await part('unknown')).toBe('Клиент не найденСергей Орлов sergey.orlov@stroymir-ural.ruСоздать клиента');
    await click('create-client');
    await previewEventually(`Boolean(voronkaPage.sidebar?.querySelector('[data-part="form"] [name="text"]'))`);
    const fields = await inPreview<string[]>(
      `['text', 'contact-name', 'position', 'phones'].map((n) => voronkaPage.sidebar.querySelector('[data-part="form"] [name="' + n + '"]').value)`,
    );
    expect(fields).toEqual(['АО «Строймир-Урал»', 'Сергей Орлов', 'Главный инженер', '+7\u00a0343\u00a0210-00-11 доб.\u00a05']);
    await saveScreenshot(page, 'roundcube-real-create-client.png');
    await click('submit');

    expect(await statusText()).toBe('Клиент создан: АО «Строймир-Урал». Письмо записано в ленту клиента');
    const company = await server.db
      .prepare("SELECT id, owner_id FROM companies WHERE name = 'АО «Строймир-Урал»'")
      .first<{ id: number; owner_id: number }>();
    expect(company?.owner_id).toBe(world.users.managerA.id);
    // One contact, named from the display name, with the signature's position and phone (its extension kept).
    const contact = await server.db
      .prepare(
        'SELECT c.name, c.position, cp.kind, cp.value, cp.extension FROM contacts c JOIN contact_points cp ON cp.contact_id = c.id WHERE c.company_id = ? ORDER BY cp.kind',
      )
      .bind(company!.id)
      .all();
    expect(contact.results).toEqual([
      { name: 'Сергей Орлов', position: 'Главный инженер', kind: 'email', value: 'sergey.orlov@stroymir-ural.ru', extension: null },
      { name: 'Сергей Орлов', position: 'Главный инженер', kind: 'phone', value: '+73432100011', extension: '5' },
    ]);
    const logged = await server.db
      .prepare("SELECT company_id, occurred_at FROM events WHERE kind = 'mail' AND counterpart = 'sergey.orlov@stroymir-ural.ru'")
      .all();
    expect(logged.results).toEqual([{ company_id: company!.id, occurred_at: Date.parse('Tue, 02 Dec 2025 14:05:00 +0500') }]);
  });

  it('the unknown Cc participant of a known client’s thread is offered as «Добавить контакт» and joins the company', async () => {
    await open(SUBJECTS.cc);
    expect(await shownCompany()).toBe('ООО "Кровля А"');
    expect(await previewEventually(`voronkaPage.sidebar.querySelector('[data-part="newcomers"]')?.textContent`)).toBe(
      'Нет в карточкеОльга Счетова buh@krovlya.ru Добавить контакт',
    );
    await click('add-contact');
    expect(await statusText()).toBe('Контакт добавлен: Ольга Счетова');
    const added = await server.db
      .prepare(
        "SELECT c.name, cp.company_id FROM contact_points cp JOIN contacts c ON c.id = cp.contact_id WHERE cp.value = 'buh@krovlya.ru'",
      )
      .all();
    expect(added.results).toEqual([{ name: 'Ольга Счетова', company_id: world.companies.ofA }]);
  });

  it('a ☎ beside the signature’s «+7 (495) 123-45-67, доб. 204» calls the main number through the worker and says to dial 204', async () => {
    const frame = await open(SUBJECTS.known);
    const selector = '[data-voronka="call"][data-phone="+74951234567"][data-extension="204"]';
    const button = await frame.waitForSelector(selector);
    expect(await frame.$$eval('#messagebody [data-voronka="call"]', (els) => els.length)).toBe(1);
    const before = await server.db.prepare("SELECT count(*) AS n FROM calls WHERE provider = 'sandbox'").first<{ n: number }>();

    await button!.click();

    expect(await previewEventually(`voronkaPage.toast?.includes('добавочный') && voronkaPage.toast`)).toBe(
      'Звоним +7\u00a0495\u00a0123-45-67: АТС сначала позвонит на ваш телефон. Наберите добавочный 204',
    );
    const calls = await server.db
      .prepare("SELECT direction, counterpart, extension, user_id FROM calls WHERE provider = 'sandbox' ORDER BY id")
      .all<Record<string, unknown>>();
    expect(calls.results.length).toBe(before!.n + 1);
    expect(calls.results.at(-1)).toEqual({
      direction: 'out',
      counterpart: '+74951234567',
      extension: '101',
      user_id: world.users.managerA.id,
    });
    await saveScreenshot(page, 'roundcube-real-call.png');
  });

  it('keeps one ☎ per phone while Roundcube redraws the header (Подробности / back) over several decorator batches', async () => {
    await open(SUBJECTS.unknown);
    const frame = await open(SUBJECTS.known);
    await frame.waitForSelector('#messagebody [data-voronka="call"]');
    // Roundcube's own header toggles (UI.headers_show) rewrite the header block the adapter reads.
    await frame.click('.header-links a[href="#headers"]');
    await frame.waitForSelector('table.header-headers', { visible: true });
    await frame.click('.header-links a[href="#headers"]');
    await frame.waitForSelector('table.header-headers', { hidden: true });
    const deadline = monotonicMs() + 1_500; // the decorator batches every 200 ms: several pass
    while (monotonicMs() < deadline) await new Promise((r) => setTimeout(r, 100));

    expect(
      await frame.$$eval('[data-voronka="call"]', (els) =>
        els.map((el) => (el as unknown as { dataset: { phone: string } }).dataset.phone),
      ),
    ).toEqual(['+74951234567']);
    expect(await inPreview<number>('voronkaPage.callButtonsMade')).toBe(1);
    expect(await inPreview<string | null>('voronkaPage.sidebarShown?.companyName ?? null')).toBe('ООО "Кровля А"');
  });
});
