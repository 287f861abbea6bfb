import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import type { PageElement } from '../helpers/dom';
import { openWithOpenpyxl } from '../helpers/openpyxl';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * The six report pages in Chromium as the Moscow head of sales: each draws its chart and fills
 * its table; the XLSX download opens in an independent reader (openpyxl) with the same figures.
 */
let server: TestWorker;
let chromium: TestBrowser;
let page: Page;
let downloads: string;
const at = (iso: string) => Date.parse(iso);

beforeAll(async () => {
  // The data below sit in November 2026 (and a payment in May): the suite runs on the day its period ends.
  server = await startWorker({ http: true, assets: true, now: at('2026-11-27T15:00:00+03:00') });
  await seedWorld(server);
  const s = (q: string, ...args: unknown[]) => server.db.prepare(q).bind(...args);
  await server.db.batch([
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, targeted, created_at) VALUES
      ('call', 'generic', 'call:e2e-1', ?, 101, 4, 1, 'out', 95, 'answered', 1, 0), ('call', 'generic', 'call:e2e-2', ?, 101, 4, 1, 'in', 0, 'missed', 0, 0),
      ('call', 'generic', 'call:e2e-3', ?, 102, 5, 1, 'out', 40, 'answered', 1, 0)`,
      at('2026-11-16T09:00:00Z'),
      at('2026-11-17T09:00:00Z'),
      at('2026-11-17T10:00:00Z'),
    ),
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES
      (701, 101, 1, 4, 'qualified', 'call', ?, ?), (702, 102, 1, 5, 'new', 'mail', ?, ?)`,
      at('2026-11-16T08:00:00Z'),
      at('2026-11-16T09:00:00Z'),
      at('2026-11-17T08:00:00Z'),
      at('2026-11-17T08:00:00Z'),
    ),
    s(
      "INSERT INTO stage_changes (lead_id, from_stage_id, to_stage_id, at, cause) VALUES (701, NULL, 'new', ?, 'user'), (701, 'new', 'qualified', ?, 'user')",
      at('2026-11-16T08:00:00Z'),
      at('2026-11-16T09:00:00Z'),
    ),
    s(`INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, user_id, amount_kopecks, updated_at) VALUES
      ('e1', 'invoice', 'С-10', '2026-11-16T10:00:00', 0, 1, 0, 'v', 101, 4, 12345678, 0), ('e2', 'payment_bank', 'П-10', '2026-11-17T10:00:00', 0, 1, 0, 'v', 101, 4, 12345678, 0),
      ('e3', 'payment_bank', 'П-11', '2026-05-17T10:00:00', 0, 1, 0, 'v', 103, NULL, 5000000, 0)`),
  ]);
  downloads = mkdtempSync(join(tmpdir(), 'voronka-reports-'));
  chromium = await launchBrowser();
  page = await (await chromium.browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } })).newPage();
  await page.setViewport({ width: 1100, height: 900 });
  await page.goto(new URL('/app/reports', server.url).toString());
  await page.type('#email', world.users.headA.email);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
  rmSync(downloads, { recursive: true, force: true });
});

const PERIOD = 'from=2026-11-01&to=2026-11-27';
interface Drawn {
  bars: { series: string; value: number }[];
  rows: string[][];
}
const drawn = () =>
  page.evaluate((): Drawn => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<PageElement> } }).document;
    const bars = Array.from(doc.querySelectorAll('[data-testid="chart"] [data-value]')).map((el) => ({
      series: el.getAttribute('data-series') ?? '',
      value: Number(el.getAttribute('data-value')),
    }));
    const rows = Array.from(doc.querySelectorAll('[data-testid="report-table"] tbody tr')).map((tr) =>
      Array.from((tr as unknown as { querySelectorAll(s: string): ArrayLike<PageElement> }).querySelectorAll('td')).map(
        (td) => td.textContent?.trim() ?? '',
      ),
    );
    return { bars, rows };
  });
/** Russian number formatting uses non-breaking spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const sum = (bars: Drawn['bars'], series: string) =>
  bars.filter((b) => b.series === series).reduce((s, b) => s + (Number.isFinite(b.value) ? b.value : 0), 0);

describe('report pages as the head of sales', () => {
  it('lists the six reports', async () => {
    expect(new URL(page.url()).pathname).toBe('/app/reports');
    const links = await page.$$eval('.reports a', (els) => els.map((a) => (a as unknown as PageElement).getAttribute('href')));
    expect(links).toEqual([
      '/app/reports/calls',
      '/app/reports/leads',
      '/app/reports/stages',
      '/app/reports/clients',
      '/app/reports/dormant',
      '/app/reports/invoices',
    ]);
  });

  it('calls: the chart stacks targeted and other calls by day; the table has one row per manager', async () => {
    await page.goto(new URL(`/app/reports/calls?${PERIOD}`, server.url).toString());
    const { bars, rows } = await drawn();
    expect([sum(bars, 'Целевые'), sum(bars, 'Нецелевые')]).toEqual([2, 1]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['Анна Менеджер', '2'],
      ['Борис Менеджер', '1'],
    ]);
  });

  it('leads, stages, clients, dormant and invoices each draw their chart and fill their table', async () => {
    const expectations: [string, (d: Drawn) => void][] = [
      [
        'leads',
        (d) => {
          expect(sum(d.bars, 'Звонок') + sum(d.bars, 'Почта')).toBe(2);
          expect(d.rows).toHaveLength(2);
        },
      ],
      [
        'stages',
        (d) => {
          expect(d.bars.length).toBeGreaterThan(0);
          expect(d.rows.find((r) => r[0] === 'Новое обращение')?.[1]).toBe('1');
        },
      ],
      // The world's 101–103 were created now (104 is in the other region).
      [
        'clients',
        (d) => {
          expect(sum(d.bars, 'Новые клиенты')).toBe(3);
          expect(d.rows.length).toBeGreaterThan(0);
        },
      ],
      [
        'dormant',
        (d) => {
          expect(d.bars[0]).toEqual({ series: 'Выручка за 24 месяца', value: 5_000_000 });
          expect(d.rows[0]?.[0]).toBe('ООО "Пул Москва"');
        },
      ],
      [
        'invoices',
        (d) => {
          expect(sum(d.bars, 'Счета')).toBe(12_345_678);
          expect(d.rows[0]?.slice(0, 3).map(plain)).toEqual(['Анна Менеджер', '1', '123 456,78 ₽']);
        },
      ],
    ];
    for (const [report, check] of expectations) {
      await page.goto(new URL(`/app/reports/${report}?${PERIOD}`, server.url).toString());
      check(await drawn());
    }
  });

  it('«Показать» with the selects left at «все» and no client number answers the report, not a refusal', async () => {
    await page.goto(new URL(`/app/reports/calls?${PERIOD}`, server.url).toString());
    await page.select('#by', 'week');

    const [response] = await Promise.all([page.waitForNavigation(), page.click('form.filters button[type="submit"]')]);

    expect(response?.status()).toBe(200);
    const url = new URL(page.url());
    expect([...url.searchParams.keys()].sort()).toEqual(['by', 'from', 'to']);
    expect(url.searchParams.get('by')).toBe('week');
    expect(await page.$('[data-testid="report-table"]')).not.toBeNull();
  });

  it('«Печать» prints the page (the CSP blocks a javascript: link, so it is a button with a script)', async () => {
    await page.evaluate(() => {
      const w = globalThis as unknown as { print: () => void; printed: number };
      w.printed = 0;
      w.print = () => {
        w.printed++;
      };
    });

    await page.click('#print');

    expect(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
  });

  it('a figure links down to the clients behind it', async () => {
    await page.goto(new URL(`/app/reports/leads?${PERIOD}`, server.url).toString());
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="report-table"] tbody tr td:nth-child(2) a')]);
    expect(new URL(page.url()).pathname).toBe('/app/reports/leads/drill');
    const companies = await page.$$eval('[data-testid="drill-table"] tbody tr td:first-child ~ td a', (els) =>
      els.map((a) => (a as unknown as PageElement).textContent),
    );
    expect(companies.length).toBe(1);
  });

  it('downloads an XLSX that an independent reader opens with the same figures', async () => {
    await page.goto(new URL(`/app/reports/invoices?${PERIOD}`, server.url).toString());
    await page.click('[data-testid="export-xlsx"]');
    let file = '';
    for (let i = 0; i < 100 && !file; i++) {
      file = readdirSync(downloads).find((f) => f.endsWith('.xlsx')) ?? '';
      if (!file) await new Promise((r) => setTimeout(r, 50));
    }
    expect(file).toBe('voronka-invoices-2026-11-01-2026-11-27.xlsx');
    const book = openWithOpenpyxl(readFileSync(join(downloads, file)));
    expect(book.sheets).toEqual(['Счета, оплаты и отгрузки', 'По периодам']);
    const cells = book.data['Счета, оплаты и отгрузки']!.cells;
    expect(cells[0]!.map((c) => c.v).slice(0, 3)).toEqual(['Менеджер', 'Счета', 'Сумма счетов, ₽']);
    expect(cells[1]!.map((c) => c.v).slice(0, 5)).toEqual(['Анна Менеджер', 1, 123456.78, 1, 123456.78]);
  });
});
