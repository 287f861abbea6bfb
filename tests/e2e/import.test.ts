import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { completeInn } from '../../schema/domain/inn';
import type { PageElement } from '../helpers/dom';
import { launchBrowser, requireBuilt, type TestBrowser } from '../helpers/browser';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';
import { buildXlsx } from '../helpers/xlsx';

const IMPORT_BUNDLE = join(__dirname, '..', '..', 'dist', 'public', 'app', 'import.js');
const SEVER_INN = completeInn('780123456');
const URAL_INN = completeInn('660123456');

let server: TestWorker;
let chromium: TestBrowser;
let dir: string;

beforeAll(async () => {
  requireBuilt(IMPORT_BUNDLE);
  server = await startWorker({ http: true, assets: true });
  await seedWorld(server);
  chromium = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'voronka-import-'));
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.trim() ?? '');

async function figures(page: Page, prefix: string, keys: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of keys) out[key] = await text(page, `[data-testid="${prefix}-${key}"]`);
  return out;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(new URL('/sign-in?next=/app/import', server.url).toString());
  await page.type('#email', world.users.managerA.email);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

describe('import page', () => {
  it('checks, loads and reports manager A’s spreadsheet, and the clients land in the base', async () => {
    const file = join(dir, 'Клиенты Анны.xlsx');
    await writeFile(
      file,
      buildXlsx([
        ['Наименование', 'ИНН', 'Телефон', 'Контактное лицо', 'Комментарий'],
        ['ООО «Северсталь-Трейд»', Number(SEVER_INN), '+7 921 000-11-22', 'Олег Смирнов', 'Нужен профнастил С8'],
        ['ООО «Уралпрофиль»', Number(URAL_INN), null, null, 'Перезвонить в апреле'],
        ['ООО «Ошибка»', 1234567890, null, null, null],
        ['Кровля А', null, '8 (495) 123-45-67', null, null],
        ['Профлист Б', 7702070139, null, null, null],
      ]),
    );
    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    try {
      await signIn(page);
      expect(new URL(page.url()).pathname).toBe('/app/import');

      const input = (await page.waitForSelector('input[data-testid="file"]')) as ElementHandle<Element>;
      await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
      await page.waitForSelector('[data-testid="file-summary"]');
      expect(await text(page, '[data-testid="file-summary"]')).toBe('Файл «Клиенты Анны.xlsx»: 5 строк с данными.');

      await page.click('[data-testid="check"]');
      await page.waitForSelector('[data-testid="preview"]', { timeout: 20_000 });
      expect(await figures(page, 'preview', ['new', 'duplicate', 'other_owner', 'invalid'])).toEqual({
        new: '2',
        duplicate: '1',
        other_owner: '1',
        invalid: '1',
      });

      await page.click('[data-testid="load"]');
      await page.waitForSelector('[data-testid="result"]', { timeout: 30_000 });
      const bar = await page.$eval('[data-testid="result"] progress', (el) => ({
        value: (el as unknown as PageElement).getAttribute('value'),
        max: (el as unknown as PageElement).getAttribute('max'),
      }));
      expect(bar).toEqual({ value: '5', max: '5' });
      expect(await text(page, '[data-testid="result"] [data-testid="progress-text"]')).toBe('5 из 5 строк');
      expect(await figures(page, 'result', ['new', 'merged', 'duplicate', 'other_owner', 'invalid'])).toEqual({
        new: '2',
        merged: '1',
        duplicate: '0',
        other_owner: '1',
        invalid: '1',
      });

      const href = await page.$eval('[data-testid="download"]', (el) => (el as unknown as PageElement).getAttribute('href'));
      const download = await page.evaluate(async (url: string) => {
        const res = await fetch(url);
        return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      }, href!);
      expect(download.status).toBe(200);
      expect(download.type).toBe('text/csv; charset=utf-8');
      const lines = download.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      expect(lines).toHaveLength(6);
      expect(lines.slice(1).map((l) => l.split(';').slice(0, 2).join(';'))).toEqual([
        '2;Импортирована',
        '3;Импортирована',
        '4;Ошибка',
        '5;Объединена с существующей',
        '6;Клиент другого менеджера',
      ]);
      expect(lines[3]).toContain('ИНН не прошёл проверку контрольной суммы');
      expect(lines[4]).toContain(`;${world.companies.ofA};"ООО ""Кровля А""";Кровля А;`);
    } finally {
      await context.close();
    }

    const created = await server.db
      .prepare(`SELECT c.name, c.inn, c.owner_id, c.region_id, e.subject
      FROM companies c LEFT JOIN events e ON e.company_id = c.id AND e.kind = 'note' AND e.source = 'import'
      WHERE c.inn IN (?, ?) ORDER BY c.inn`)
      .bind(URAL_INN, SEVER_INN)
      .all();
    expect(created.results).toEqual(
      [
        { name: 'ООО «Уралпрофиль»', inn: URAL_INN, owner_id: world.users.managerA.id, region_id: 1, subject: 'Перезвонить в апреле' },
        { name: 'ООО «Северсталь-Трейд»', inn: SEVER_INN, owner_id: world.users.managerA.id, region_id: 1, subject: 'Нужен профнастил С8' },
      ].sort((a, b) => a.inn.localeCompare(b.inn)),
    );
  });

  it('says why an old .xls cannot be read, in the language the manager chose', async () => {
    const file = join(dir, 'Клиенты 2003.xls');
    // An .xls is an OLE compound file: its first eight bytes say so.
    await writeFile(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    const upload = async () => {
      const input = (await page.waitForSelector('input[data-testid="file"]')) as ElementHandle<Element>;
      await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
      await page.waitForSelector('[data-testid="error"]');
      return text(page, '[data-testid="error"]');
    };
    try {
      await signIn(page);
      expect(await upload()).toBe(
        'Это старый формат Excel (.xls) или книга с паролем: сохраните её как «Книга Excel (.xlsx)» без пароля или как CSV',
      );
      await Promise.all([page.waitForNavigation(), page.click('#lang-switch')]);
      expect(await upload()).toBe(
        'This is the old Excel format (.xls) or a password-protected workbook: save it as «Excel Workbook (.xlsx)» without a password or as CSV',
      );
      await Promise.all([page.waitForNavigation(), page.click('#lang-switch')]);
    } finally {
      await context.close();
    }
  });
});
