import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchBrowser, saveScreenshot, type TestBrowser } from '../helpers/browser';
import { at } from '../helpers/clock';
import type { PageElement } from '../helpers/dom';
import { openWithOpenpyxl } from '../helpers/openpyxl';
import { kpiRuleRow } from '../helpers/pay-rule';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * Issue 17, the head of sales' jobs in Chromium, at a desktop and a phone size, by clicking and
 * typing only: this week's managers below the norm (preset + sort), the stuck leads, the silent big
 * clients, the XLSX of what the form shows, printing, and approving his region's statements after
 * a confirmation. Friday 20 November 2026, 15:00 Moscow.
 */
const NOW = at('2026-11-20T15:00:00+03:00');
const HOUR = 3_600_000;
const A = world.users.managerA.id;
const B = world.users.managerB.id;

let server: TestWorker;
let chromium: TestBrowser;

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true, now: NOW });
  await seedWorld(server);
  const s = (q: string, ...args: unknown[]) => server.db.prepare(q).bind(...args);
  let n = 0;
  const call = (userId: number, iso: string, targeted: number) =>
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, targeted, created_at)
      VALUES ('call', 'generic', ?, ?, ?, ?, 1, 'out', 95, 'answered', ?, 0)`,
      `call:head-e2e-${++n}`,
      at(iso),
      userId === A ? 101 : 102,
      userId,
      targeted,
    );
  await server.db.batch([
    kpiRuleRow(server),
    // This week A makes the norm (2 targeted a working day), B one targeted call: below it.
    ...['16', '17', '18', '19', '20'].flatMap((d) => [
      call(A, `2026-11-${d}T09:00:00+03:00`, 1),
      call(A, `2026-11-${d}T11:00:00+03:00`, 1),
    ]),
    call(B, '2026-11-17T10:00:00+03:00', 1),
    // A lead waiting 3 days in «new» (deadline 1 h) for 500 000 ₽, and one fresh.
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, created_at, stage_entered_at) VALUES
      (901, 102, 1, ?, 'new', 50000000, 'mail', ?, ?), (902, 101, 1, ?, 'new', 100000, 'call', ?, ?)`,
      B,
      NOW - 72 * HOUR,
      NOW - 72 * HOUR,
      A,
      NOW - HOUR / 4,
      NOW - HOUR / 4,
    ),
    s(`UPDATE leads SET subject = 'Профнастил на забор' WHERE id = 901`),
    // The pool client paid 50 000 ₽ in May and nobody has touched it: a silent big client.
    s(`INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, user_id, amount_kopecks, updated_at)
      VALUES ('head-e2e-1', 'payment_bank', 'П-77', '2026-05-17T10:00:00', 0, 1, 0, 'v', 103, NULL, 5000000, 0)`),
    // Statements both managers checked, in October (the desktop run) and September (the phone run).
    s(
      `INSERT INTO salary_statements (user_id, month, state, updated_at) VALUES (?, '2026-10', 'checked', 0), (?, '2026-10', 'checked', 0),
      (?, '2026-09', 'checked', 0), (?, '2026-09', 'checked', 0)`,
      A,
      B,
      A,
      B,
    ),
  ]);
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

const url = (path: string) => new URL(path, server.url).toString();
const text = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.replace(/[\s\u00a0\u202f]+/g, ' ').trim() ?? '');
const tableRows = (page: Page, table: string) =>
  page.$$eval(`[data-testid="${table}"] tbody tr`, (trs) =>
    trs.map((tr) =>
      Array.from((tr as unknown as { querySelectorAll(s: string): ArrayLike<PageElement> }).querySelectorAll('td')).map(
        (td) => td.textContent?.replace(/[\s\u00a0\u202f]+/g, ' ').trim() ?? '',
      ),
    ),
  );
const click = (page: Page, selector: string) => Promise.all([page.waitForNavigation(), page.click(selector)]);
/** A menu entry, as the user reaches it: on a phone the menu opens from its «Меню» button first. */
const viaMenu = async (page: Page, href: string) => {
  const toggle = await page.$('#menu-toggle');
  if (toggle && (await toggle.isVisible())) await toggle.click();
  await click(page, `nav#menu a[href="${href}"]`);
};
/** A link or header by its visible text. */
async function byText(page: Page, selector: string, wanted: string) {
  for (const el of await page.$$(selector)) {
    if ((await el.evaluate((e) => (e as unknown as PageElement).textContent?.trim())) === wanted) return el;
  }
  throw new Error(`no ${selector} reading «${wanted}»`);
}

describe.each([
  { name: '1440', width: 1440, height: 900, month: '2026-10', monthRu: 'октябрь 2026' },
  { name: '390', width: 390, height: 844, month: '2026-09', monthRu: 'сентябрь 2026' },
])('the head of sales at $width×$height', ({ name, width, height, month, monthRu }) => {
  let page: Page;
  let downloads: string;

  beforeAll(async () => {
    downloads = mkdtempSync(join(tmpdir(), `voronka-head-${name}-`));
    const context = await chromium.browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
    page = await context.newPage();
    await page.setViewport({ width, height });
    // «Печать» calls window.print: stubbed on every document so the test sees the call.
    await page.evaluateOnNewDocument(() => {
      const w = globalThis as unknown as { print: () => void; printed: number };
      w.printed = 0;
      w.print = () => {
        w.printed++;
      };
    });
    await page.goto(url('/app/reports'));
    await page.type('#email', world.users.headA.email);
    await page.type('#password', PASSWORD);
    await click(page, '#sign-in button[type="submit"]');
  });
  afterAll(() => rmSync(downloads, { recursive: true, force: true }));

  test("this week's managers below the norm: the preset, then a click on «Целевые» sorts them up", async () => {
    expect(new URL(page.url()).pathname).toBe('/app/reports');
    await Promise.all([page.waitForNavigation(), (await byText(page, '.reports a b', 'Звонки менеджеров')).click()]);
    await click(page, 'a[data-preset="week"]');
    expect(await text(page, '[data-testid="period"]')).toBe('16.11.2026 — 22.11.2026');

    await (await byText(page, 'th[data-sort]', 'Целевые')).click();
    const up = await tableRows(page, 'report-table');
    expect(up.map((r) => r.slice(0, 1))).toEqual([['Борис Менеджер'], ['Анна Менеджер']]);
    expect(
      await page.$$eval('[data-testid="report-table"] td.below', (tds) => tds.map((td) => (td as unknown as PageElement).textContent)),
    ).toEqual(['1']);
    expect(await text(page, 'th[aria-sort="ascending"]')).toBe('Целевые');
    await (await byText(page, 'th[data-sort]', 'Целевые')).click();
    expect((await tableRows(page, 'report-table'))[0]?.[0]).toBe('Анна Менеджер');
    if (width < 600) {
      // On a phone the table scrolls inside its card, the page itself does not.
      const scroll = await page.$eval('.scroll', (el) => {
        const e = el as unknown as { scrollWidth: number; clientWidth: number };
        return { inner: e.scrollWidth, box: e.clientWidth };
      });
      expect(scroll.inner).toBeGreaterThan(scroll.box);
    }
    await saveScreenshot(page, `reports-${name}.png`, { fullPage: true });
  });

  test('«Показать» with «все» left in the selects, then the XLSX of it: the download opens with the norm column', async () => {
    await click(page, 'form.filters button[type="submit"]');
    expect(await page.$('#report-error')).toBeNull();
    expect(await text(page, '[data-testid="period"]')).toBe('16.11.2026 — 22.11.2026');
    await page.click('[data-testid="export-xlsx"]');
    let file = '';
    for (let i = 0; i < 200 && !file; i++) {
      file = readdirSync(downloads).find((f) => f.endsWith('.xlsx')) ?? '';
      if (!file) await new Promise((r) => setTimeout(r, 50));
    }
    expect(file).toBe('voronka-calls-2026-11-16-2026-11-22.xlsx');
    for (let i = 0; i < 100 && !existsSync(join(downloads, file)); i++) await new Promise((r) => setTimeout(r, 50));
    const book = openWithOpenpyxl(readFileSync(join(downloads, file)));
    const cells = book.data[book.sheets[0]!]!.cells.map((row) => row.map((c) => c.v));
    const header = cells[0]!;
    const col = (title: string) => header.indexOf(title);
    const boris = cells.find((r) => r[0] === 'Борис Менеджер')!;
    expect([boris[col('Целевые')], boris[col('Норма целевых')]]).toEqual([1, 10]);
  });

  test('«Печать» runs the print handler', async () => {
    await page.click('#print');
    expect(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
  });

  test('the stuck leads: the figure «Просрочено» of a stage opens them with amount and days in stage', async () => {
    await viaMenu(page, '/app/reports');
    await Promise.all([page.waitForNavigation(), (await byText(page, '.reports a b', 'Время на этапах воронки')).click()]);
    await click(page, 'td[data-label="Просрочено"] a');
    expect(await text(page, 'h1')).toMatch(/^Просроченные интересы/);
    expect(await tableRows(page, 'drill-table')).toEqual([
      ['ООО "Профлист Б"', 'Профнастил на забор', 'Новое обращение', '500 000,00 ₽', '3', '17.11.2026', 'Борис Менеджер'],
    ]);
  });

  test('the silent big clients: the dormant report lists them by revenue at risk', async () => {
    await viaMenu(page, '/app/reports');
    await Promise.all([page.waitForNavigation(), (await byText(page, '.reports a b', 'Клиенты без касаний и спящие')).click()]);
    const rows = await tableRows(page, 'report-table');
    expect(rows[0]?.[0]).toBe('ООО "Пул Москва"');
    expect(rows[0]).toContain('50 000,00 ₽');
  });

  test("approves his region's checked statements in one step, after a confirmation", async () => {
    await page.goto(url('/app/pay'));
    // The month picker: type the month, show it.
    await page.click('#month');
    await page.keyboard.type(month === '2026-10' ? '102026' : '092026');
    await click(page, 'form.bar button[type="submit"]');
    expect(new URL(page.url()).searchParams.get('month')).toBe(month);
    expect(await text(page, 'h1')).toBe(`Зарплата за ${monthRu}`);

    await page.click('#check-all');
    expect(await text(page, '#approve-checked')).toBe('Утвердить отмеченные (2)');
    await page.click('#approve-checked');
    await page.waitForSelector('#approve-dialog[open]');
    expect(await text(page, '#approve-summary')).toBe('Утвердить 2 расчёта на 80 000,00 ₽? Утверждённые расчёты замораживаются.');
    await saveScreenshot(page, `pay-${name}.png`);
    await Promise.all([page.waitForNavigation(), page.click('#approve-confirm')]);
    const states = await page.$$eval('[data-testid="statements"] tbody .state', (els) =>
      els.map((e) => (e as unknown as PageElement).textContent),
    );
    expect(states).toEqual(['утверждён', 'утверждён']);
    expect(await page.$('#approve-checked')).toBeNull();
  });
});
