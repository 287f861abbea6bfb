import type { Page } from 'puppeteer-core';
import { launchBrowser, saveScreenshot, type TestBrowser } from '../helpers/browser';
import { at } from '../helpers/clock';
import type { PageElement } from '../helpers/dom';
import { kpiRuleRow } from '../helpers/pay-rule';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * Issue 17: the admin edits the pay rule as a form, not a JSON box. A mistake typed is named under
 * its field in Russian before anything is sent; one only the API finds (tiers out of order) is
 * mapped back under the tier; a correct rule is saved in the stored shape and read back in words.
 * Switched to English in the menu, the same form speaks English — its own messages and the API's.
 */
let server: TestWorker;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  // The form proposes the current month (December here) as the new version's start.
  server = await startWorker({ http: true, assets: true, now: at('2026-12-05T12:00:00+03:00') });
  await seedWorld(server);
  await kpiRuleRow(server).run();
  chromium = await launchBrowser();
  page = await (await chromium.browser.createBrowserContext()).newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await page.goto(new URL('/app/pay', server.url).toString());
  await page.type('#email', world.users.admin.email);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
});
afterAll(async () => {
  await chromium?.close();
  await server?.dispose();
});

const text = (selector: string) =>
  page.$eval(selector, (el) => (el as unknown as PageElement).textContent?.replace(/[\s\u00a0\u202f]+/g, ' ').trim() ?? '');
async function retype(selector: string, value: string) {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, value);
}

test('the rule form: Russian messages under the fields, then the rule saved and read back', async () => {
  await page.click('#rule summary');
  expect(await page.$eval('#rule-base', (el) => (el as unknown as { value: string }).value)).toBe('40000');
  expect(await page.$eval('#rule-commission', (el) => (el as unknown as { value: string }).value)).toBe('1,5');

  await retype('#rule-base', 'сорок тысяч');
  await page.click('#save-rule');
  expect(await text('[data-error-for="baseKopecks"]')).toBe('Оклад: введите сумму в рублях, например 40 000 или 1 500,50');
  expect(await text('#rule-message')).toBe('Исправьте отмеченные поля.');

  // Two tiers out of order: only the API's check knows they must ascend.
  await retype('#rule-base', '45 000');
  await page.click('#add-tier');
  await page.type('.tier:nth-child(1) .tier-from', '100');
  await page.type('.tier:nth-child(1) .tier-amount', '20 000');
  await page.click('#add-tier');
  await page.type('.tier:nth-child(2) .tier-from', '80');
  await page.type('.tier:nth-child(2) .tier-amount', '10 000');
  await page.click('#save-rule');
  await page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): PageElement | null } }).document;
    return Boolean(doc.querySelector('[data-error-for="tiers.1.fromCompletionBp"]')?.textContent);
  });
  expect(await text('[data-error-for="tiers.1.fromCompletionBp"]')).toBe('Ступени премии — по возрастанию порога, без повторов');
  await saveScreenshot(page, 'pay-rule-1440.png', { fullPage: true });

  await retype('.tier:nth-child(2) .tier-from', '120');
  await page.select('.tier:nth-child(2) .tier-kind', 'basis_share');
  await retype('.tier:nth-child(2) .tier-amount', '0,5');
  await Promise.all([page.waitForNavigation(), page.click('#save-rule')]);
  const words = await text('#rule ul');
  for (const line of ['Оклад: 45 000,00 ₽', 'от 100,00 % плана — 20 000,00 ₽', 'от 120,00 % плана — 0,50 % от факта'])
    expect(words).toContain(line);
  const saved = await server.db.prepare("SELECT rule FROM salary_rules WHERE valid_from = '2026-12'").first<{ rule: string }>();
  expect(JSON.parse(saved!.rule)).toEqual({
    validFrom: '2026-12',
    baseKopecks: 4_500_000,
    commissionBp: 150,
    basis: 'shipments',
    tiers: [
      { kind: 'fixed', fromCompletionBp: 10_000, amountKopecks: 2_000_000 },
      { kind: 'basis_share', fromCompletionBp: 12_000, basisBp: 50 },
    ],
    kpis: [{ kind: 'targeted_calls_per_working_day', target: 2, amountKopecks: 500_000, mode: 'all_or_nothing' }],
  });
});

test('in English (the menu’s switch): the form’s words and its messages, the API’s own check included', async () => {
  await Promise.all([page.waitForNavigation(), page.click('#lang-switch')]);
  expect(await page.$eval('html', (el) => (el as unknown as PageElement & { lang: string }).lang)).toBe('en');
  expect(await text('#rule h2')).toBe('Pay rule (in force from: December 2026)');
  await page.click('#rule summary');
  expect(await text('label[for="rule-base"]')).toBe('Base salary, ₽');

  await retype('#rule-base', 'forty thousand');
  await page.click('#save-rule');
  expect(await text('[data-error-for="baseKopecks"]')).toBe('Base salary: enter a sum in roubles, e.g. 40 000 or 1 500,50');
  expect(await text('#rule-message')).toBe('Correct the marked fields.');

  // The saved tiers are 100 % and 120 %; the second moved below the first is refused by the API, in English.
  await retype('#rule-base', '45 000');
  await retype('.tier:nth-child(2) .tier-from', '80');
  await page.click('#save-rule');
  await page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): PageElement | null } }).document;
    return Boolean(doc.querySelector('[data-error-for="tiers.1.fromCompletionBp"]')?.textContent);
  });
  expect(await text('[data-error-for="tiers.1.fromCompletionBp"]')).toBe('Bonus tiers must ascend by threshold, without repeats');
  await Promise.all([page.waitForNavigation(), page.click('#lang-switch')]);
  expect(await text('#rule h2')).toBe('Правило оплаты (действует с месяца: декабрь 2026)');
});
