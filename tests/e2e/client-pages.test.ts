import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser, saveScreenshot } from '../helpers/browser';
import type { PageElement, PageGlobals } from '../helpers/dom';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

let server: TestWorker;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true });
  await seedWorld(server);
  // A lived-in card for the screenshot: two open leads (one past its SLA), 1C documents, several kinds of events.
  const now = TEST_NOW;
  const s = (sql: string, ...args: unknown[]) => server.db.prepare(sql).bind(...args);
  const event = (
    n: number,
    kind: string,
    ago: number,
    direction: string | null,
    duration: number | null,
    result: string | null,
    subject: string | null,
  ) =>
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, direction, duration_sec, call_result, targeted, counterpart, subject, created_at)
       VALUES (?, 'manual', ?, ?, 101, 4, ?, ?, ?, ?, ?, ?, ?)`,
      kind,
      `e2e-${n}`,
      now - ago,
      direction,
      duration,
      result,
      kind === 'call' && duration ? 1 : null,
      kind === 'call' ? '+74951234567' : kind === 'mail' ? 'ivan@krovlya.ru' : null,
      subject,
      now,
    );
  await server.db.batch([
    event(1, 'call', 3_600_000, 'out', 125, 'answered', null),
    event(2, 'call', 7_200_000, 'in', 0, 'missed', null),
    event(3, 'mail', 86_400_000, 'out', null, null, 'КП на профлист С-21, 1 200 м²'),
    event(4, 'onec_document', 2 * 86_400_000, null, null, null, 'Счёт на оплату УТ-17 от 25.11.2026'),
    event(5, 'stage_change', 2 * 86_400_000, null, null, null, 'КП отправлено → Счёт выставлен'),
    event(6, 'note', 3 * 86_400_000, null, null, null, 'Просит доставку до объекта в Химках'),
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, created_at, stage_entered_at)
       VALUES (301, 101, 1, 4, 'invoice', 48650000, 'call', ?, ?), (302, 101, 1, 4, 'new', 0, 'mail', ?, ?)`,
      now - 9 * 86_400_000,
      now - 2 * 86_400_000,
      now - 3 * 3_600_000,
      now - 3 * 3_600_000,
    ),
    s(
      "INSERT INTO tasks (user_id, company_id, lead_id, kind, title, due_at, created_at) VALUES (4, 101, 301, 'follow_up', 'Напомнить об оплате счёта УТ-17', ?, ?)",
      now + 2 * 3_600_000,
      now,
    ),
    s(
      `INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, amount_kopecks, updated_at)
       VALUES ('e2e-order', 'order', 'УТ-00012', '2026-11-24T16:05:00', ?, 1, 0, 'v1', 101, 48650000, ?), ('e2e-invoice', 'invoice', 'УТ-17', '2026-11-25T09:40:00', ?, 1, 0, 'v1', 101, 48650000, ?)`,
      now - 3 * 86_400_000,
      now,
      now - 2 * 86_400_000,
      now,
    ),
  ]);
  chromium = await launchBrowser();
  page = await (await chromium.browser.createBrowserContext()).newPage();
  await page.setViewport({ width: 1100, height: 900 });
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

const at = (path: string) => new URL(path, server.url).toString();
const textOf = (selector: string) => page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.trim() ?? '');
const tableText = () => page.$eval('table.list tbody', (el) => (el as unknown as PageElement).textContent ?? '');

describe('client pages in Chromium, as the Moscow head of sales', () => {
  it('signs in on the way to the client list', async () => {
    await page.goto(at('/app/clients'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.type('#email', world.users.headA.email);
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/app/clients');
    expect(await textOf('h1')).toBe('Клиенты');
  });

  it('filters the list by owner', async () => {
    expect(await tableText()).toContain('Профлист Б');
    await page.select('#ownerId', String(world.users.managerA.id));
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type="submit"]')]);
    expect(new URL(page.url()).searchParams.get('ownerId')).toBe(String(world.users.managerA.id));
    const rows = await tableText();
    expect(rows).toContain('Кровля А');
    expect(rows).not.toContain('Профлист Б');
    await saveScreenshot(page, 'client-list.png', { fullPage: true });
  });

  it('opens the card with the contact phone and the call in the timeline', async () => {
    await Promise.all([page.waitForNavigation(), page.click('a[href="/app/clients/101"]')]);
    expect(await textOf('h1')).toBe('ООО "Кровля А"');
    const phone = await page.$eval('a[href^="tel:"]', (el) => ({
      href: (el as unknown as PageElement).getAttribute('href'),
      text: (el as unknown as PageElement).textContent,
    }));
    expect(phone).toEqual({ href: 'tel:+74951234567', text: '+7\u00a0495\u00a0123-45-67' });
    expect(await textOf('.timeline li')).toContain('Звонок исходящий');
    expect(await textOf('.timeline li')).toContain('02:05');
    expect(await textOf('#owner')).toBe('Анна Менеджер');
  });

  it('reassigns the client to another manager through the card', async () => {
    await page.select('#assign-owner', String(world.users.managerB.id));
    await Promise.all([page.waitForNavigation(), page.click('#assign button[type="submit"]')]);
    await page.reload();
    expect(await textOf('#owner')).toBe('Борис Менеджер');
    expect(await page.$eval('#assign-owner', (el) => (el as unknown as { value: string }).value)).toBe(String(world.users.managerB.id));
    const row = await server.db.prepare('SELECT owner_id FROM companies WHERE id = 101').first<{ owner_id: number }>();
    expect(row?.owner_id).toBe(world.users.managerB.id);

    await saveScreenshot(page, 'client-card.png', { fullPage: true });
    await page.emulateMediaType('print');
    const actionsShownInPrint = await page.evaluate(() => {
      const doc = (globalThis as unknown as PageGlobals).document as unknown as {
        querySelector(s: string): { checkVisibility(): boolean } | null;
      };
      return doc.querySelector('#owner-actions')?.checkVisibility() ?? null;
    });
    expect(actionsShownInPrint).toBe(false);
    await saveScreenshot(page, 'client-card-print.png', { fullPage: true });
    await page.emulateMediaType('screen');
  });

  it('fits the list on a phone screen', async () => {
    await page.setViewport({ width: 390, height: 844 });
    await page.goto(at('/app/clients'));
    // The page's own content, table included, needs no sideways scrolling (the shared header is the layout's).
    const overflow = await page.$$eval('main, main .scroll', (els) =>
      Math.max(
        ...els.map((el) => {
          const box = el as unknown as { scrollWidth: number; clientWidth: number; getBoundingClientRect(): { right: number } };
          return Math.max(box.scrollWidth - box.clientWidth, Math.ceil(box.getBoundingClientRect().right) - 390);
        }),
      ),
    );
    await saveScreenshot(page, 'client-list-phone.png', { fullPage: true });
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
