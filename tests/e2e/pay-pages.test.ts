import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import type { PageElement } from '../helpers/dom';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

/**
 * The pay pages in Chromium: the manager reads his statement and marks it checked, the head
 * approves it and downloads the month for 1C:ЗУП; the plans page saves a plan typed in place.
 */
let server: TestWorker;
let chromium: TestBrowser;
const MONTH = '2026-10';
const A = world.users.managerA.id;

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true });
  await seedWorld(server);
  // 120 000,00 ₽ shipped by A in October; the starting rule of migration 0008 pays 30 000 ₽ + 1.5 %.
  await server.db
    .prepare(`INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, user_id, amount_kopecks, updated_at)
    VALUES ('pay-e2e-1', 'shipment', 'РТ-501', '2026-10-14T11:00:00', ?, 1, 0, 'v1', 101, ?, 12000000, ?)`)
    .bind(Date.UTC(2026, 9, 14, 8), A, TEST_NOW)
    .run();
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

const at = (path: string) => new URL(path, server.url).toString();

async function signedIn(email: string, path: string, downloadPath?: string): Promise<Page> {
  const context = await chromium.browser.createBrowserContext(downloadPath ? { downloadBehavior: { policy: 'allow', downloadPath } } : {});
  const page = await context.newPage();
  await page.goto(at(path));
  await page.type('#email', email);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
  return page;
}
const text = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.replace(/\s+/g, ' ').trim() ?? '');

describe('pay pages', () => {
  test('the manager sees his month line by line and marks it checked', async () => {
    const page = await signedIn(world.users.managerA.email, `/app/pay?month=${MONTH}`);
    expect(new URL(page.url()).pathname).toBe('/app/pay');
    // 30 000 ₽ + 1.5 % × 120 000 ₽ = 31 800 ₽ (no plan → no tier; KPI not reached).
    expect(await text(page, '[data-testid="total"]')).toBe('31 800,00 ₽');
    expect(await text(page, 'table.lines')).toContain('РТ-501');
    expect(await text(page, '[data-testid="state"]')).toBe('черновик');
    await Promise.all([page.waitForNavigation(), page.click('button[data-action="check"]')]);
    expect(await text(page, '[data-testid="state"]')).toBe('проверен менеджером');
  });

  test('the head approves it and downloads the month for 1C:ЗУП', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voronka-zup-'));
    const page = await signedIn(world.users.headA.email, `/app/pay?month=${MONTH}`, dir);
    expect(await text(page, 'table.list tbody')).toContain('Анна Менеджер');
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/app/pay/${A}/${MONTH}"]`)]);
    await Promise.all([page.waitForNavigation(), page.click('button[data-action="approve"]')]);
    expect(await text(page, '[data-testid="state"]')).toBe('утверждён');

    try {
      await page.goto(at(`/app/pay?month=${MONTH}`));
      expect(await text(page, '#export')).toBe('Выгрузить для 1С:ЗУП (1)');
      await page.click('#export');
      const file = join(dir, `zup-nachisleniya-${MONTH}.csv`);
      for (let i = 0; i < 100 && !(existsSync(file) && !readdirSync(dir).some((f) => f.endsWith('.crdownload'))); i++)
        await new Promise((r) => setTimeout(r, 50));
      const lines = readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      expect(lines.slice(1)).toEqual([
        'a@test.ru;Анна Менеджер;01.10.2026;base;Оклад;30000,00',
        'a@test.ru;Анна Менеджер;01.10.2026;commission;Комиссия с отгрузок;1800,00',
      ]);
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { body: { textContent: string } } }).document.body.textContent.includes(
            'выгружен в 1С:ЗУП',
          ),
        { timeout: 5000 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the head sets a plan on the plans page', async () => {
    const page = await signedIn(world.users.headA.email, '/app/plans?month=2026-12');
    const row = `tr[data-user="${A}"]`;
    await page.type(`${row} .amount`, '1 250 000,50');
    await Promise.all([page.waitForNavigation(), page.click(`${row} .save`)]);
    expect(await server.db.prepare("SELECT amount_kopecks FROM plans WHERE user_id = ? AND month = '2026-12'").bind(A).first()).toEqual({
      amount_kopecks: 125_000_050,
    });
    expect(await page.$eval(`${row} .amount`, (el) => (el as unknown as { value: string }).value)).toBe('1250000,50');
  });
});
