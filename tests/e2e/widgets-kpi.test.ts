import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Frame, Page } from 'puppeteer-core';
import { onecPushHeaders } from '../helpers/onec-push';
import { launchBrowser, requireBuilt, type TestBrowser } from '../helpers/browser';
import { genericRequest } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { createToken, seedWorld, sessionCookie, world } from '../helpers/world';
import { TEST_NOW, TEST_NOW_S, wallClock } from '../helpers/clock';

/**
 * The KPI widgets on an imitation of the 1C home page served from another origin: «Мой месяц» and
 * the head's region widget in iframes (the HTML-document field), and «Мой месяц» again through
 * /w/embed.js as another portal would put it. Every expected figure is computed below from the plan,
 * the salary rule, the 1C shipments and the calls this test sends.
 */

const W = join(__dirname, '..', '..', 'dist', 'public', 'w');
const NBSP = '\u00a0';
const REVOKED_TEXT = 'Токен отозван или истёк — создайте новый на странице токенов';
const KNOWN_PHONE = '+74951234567'; // Иван Петров of «Кровля А» (company 101, manager A)

// ---- the data: rule, plans, 1C documents, calls ----------------------------------------------------------

const RULE = {
  validFrom: '2026-01',
  baseKopecks: 4_000_000,
  commissionBp: 150,
  basis: 'shipments',
  tiers: [{ kind: 'fixed', fromCompletionBp: 10_000, amountKopecks: 1_000_000 }],
  kpis: [{ kind: 'targeted_calls_per_working_day', target: 15, amountKopecks: 500_000, mode: 'all_or_nothing' }],
};
const PLAN_A = 100_000_000; // 1 000 000,00 ₽
const PLAN_B = 50_000_000;
const SHIPMENTS_A = [24_873_045, 12_345_678];
const SHIPMENTS_B = [40_000_000];
const LATER_SHIPMENT_A = 70_000_000;
const TARGETED_CALLS_A = 3;

const REF = { krovlyaA: 'bbbbbbbb-0000-0000-0000-000000000101', proflistB: 'bbbbbbbb-0000-0000-0000-000000000102' };

/** The Moscow wall clock now, as 1C writes document dates; and the Moscow month, as plans are kept. */
function moscowNow(): { date1c: string; month: string } {
  const parts = wallClock(TEST_NOW).replace(' ', 'T');
  return { date1c: parts, month: parts.slice(0, 7) };
}
const MONTH = moscowNow().month;

/** docs/pay.md: commission rounded half away from zero once on the basis; completion rounded down. */
function expectedPay(basis: number, plan: number) {
  const completionBp = Number((BigInt(basis) * 10_000n) / BigInt(plan));
  const commission = Number((BigInt(basis) * BigInt(RULE.commissionBp) + 5_000n) / 10_000n);
  const tier = completionBp >= RULE.tiers[0]!.fromCompletionBp ? RULE.tiers[0]!.amountKopecks : 0;
  return { completionBp, earned: RULE.baseKopecks + commission + tier };
}

/** The widget's renderings, written out independently of widgets/src/lib/format.ts. */
function rub(kopecks: number): string {
  const roubles = String(Math.trunc(kopecks / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${roubles},${String(kopecks % 100).padStart(2, '0')}${NBSP}₽`;
}
const pct = (bp: number) => `${Math.trunc(bp / 100)},${String(bp % 100).padStart(2, '0')}${NBSP}%`;
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

let server: TestWorker;
let documentSeq = 0;

async function push1C(items: Record<string, unknown>[]): Promise<void> {
  const body = JSON.stringify({ value: items });
  const res = await server.fetch('/hooks/1c/documents', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...onecPushHeaders(body) },
  });
  const json = (await res.json()) as { results: { outcome: string; reason?: string }[] };
  if (res.status !== 200 || json.results.some((r) => r.outcome !== 'stored'))
    throw new Error(`1C push: ${res.status} ${JSON.stringify(json)}`);
}

const counterparty = (ref: string, name: string, inn: string) => ({
  'odata.type': 'StandardODATA.Catalog_Контрагенты',
  Ref_Key: ref,
  DataVersion: 'c1',
  DeletionMark: false,
  Description: name,
  Наименование: name,
  НаименованиеПолное: `ООО "${name}"`,
  ИНН: inn,
  КПП: '770101001',
});

function shipment(counterpartyRef: string, kopecks: number) {
  documentSeq++;
  return {
    'odata.type': 'StandardODATA.Document_РеализацияТоваровУслуг',
    Ref_Key: `cccccccc-0000-0000-0000-${String(documentSeq).padStart(12, '0')}`,
    DataVersion: 'v1',
    DeletionMark: false,
    Posted: true,
    Number: `РТ-${documentSeq}`,
    Date: moscowNow().date1c,
    Контрагент_Key: counterpartyRef,
    СуммаДокумента: kopecks / 100,
    ДокументОснование: '00000000-0000-0000-0000-000000000000',
    ДокументОснование_Type: 'StandardODATA.Undefined',
  };
}

async function call(event: Record<string, unknown>): Promise<void> {
  const res = await server.fetch('/hooks/telephony/generic', genericRequest(event));
  if (res.status !== 200) throw new Error(`telephony hook: ${res.status} ${await res.text()}`);
}

async function asUser(cookie: string, method: string, path: string, body: unknown): Promise<void> {
  const res = await server.fetch(path, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

// ---- the host page imitating the 1C home page --------------------------------------------------------------

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function homePage1C(q: URLSearchParams): string {
  const embed = q.get('embed');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Начальная страница — 1С:Управление торговлей</title></head>
<body><h1>Начальная страница</h1>
<iframe id="month" src="${attr(q.get('month') ?? '')}" title="Мой месяц" style="width:100%;border:0;height:150px"></iframe>
<iframe id="region" src="${attr(q.get('region') ?? '')}" title="Регион" style="width:100%;border:0;height:150px"></iframe>
<div id="portal">${embed ? `<script src="${attr(embed)}" data-widget="month" data-token="${attr(q.get('token') ?? '')}" data-refresh="1"></script>` : ''}</div>
<script>
window.heights = {};
addEventListener('message', (event) => {
  if (!event.data || event.data.type !== 'voronka:height') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow !== event.source) continue;
    window.heights[frame.id] = event.data.height;
    frame.style.height = event.data.height + 'px';
  }
});
</script></body></html>`;
}

// ---- reading the widgets inside Chromium ------------------------------------------------------------------

interface ShadowHost {
  shadowRoot: {
    querySelector(s: string): { textContent: string | null } | null;
    querySelectorAll(s: string): ArrayLike<{ querySelector(s: string): { textContent: string | null } | null }>;
  } | null;
}
interface Doc {
  document: { querySelector(s: string): ShadowHost | null };
}

/** Text of every data-testid asked for inside <tag>'s shadow root (runs in the page). */
function readTexts(tag: string, ids: string[]): Record<string, string | null> {
  const root = (globalThis as unknown as Doc).document.querySelector(tag)?.shadowRoot;
  return Object.fromEntries(ids.map((id) => [id, root?.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null]));
}

/** The leaderboard as [name, completion] rows, top first (runs in the page). */
function readLeaders(): string[][] {
  const root = (globalThis as unknown as Doc).document.querySelector('voronka-region')?.shadowRoot;
  return Array.from(root?.querySelectorAll('[data-testid="leader"]') ?? [], (row) =>
    ['leader-name', 'leader-completion'].map((id) => row.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? ''),
  );
}

/** Waits until the widget shows `expected` (a subset of testid → text); returns what it shows so failures read well. */
async function shows(
  frame: Frame,
  tag: string,
  expected: Record<string, string | null>,
  timeout = 10_000,
): Promise<Record<string, string | null>> {
  const ids = Object.keys(expected);
  await frame
    .waitForFunction(
      (t: string, want: Record<string, string | null>) => {
        const root = (globalThis as unknown as Doc).document.querySelector(t)?.shadowRoot;
        return Object.entries(want).every(
          ([id, text]) => (root?.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null) === text,
        );
      },
      { timeout, polling: 100 },
      tag,
      expected,
    )
    .catch(() => undefined);
  return frame.evaluate(readTexts, tag, ids);
}

async function leadersEventually(frame: Frame, expected: string[][], timeout = 10_000): Promise<string[][]> {
  await frame
    .waitForFunction(
      (want: string) => {
        const root = (globalThis as unknown as Doc).document.querySelector('voronka-region')?.shadowRoot;
        const rows = Array.from(root?.querySelectorAll('[data-testid="leader"]') ?? [], (row) =>
          ['leader-name', 'leader-completion'].map((id) => row.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? ''),
        );
        return JSON.stringify(rows) === want;
      },
      { timeout, polling: 100 },
      JSON.stringify(expected),
    )
    .catch(() => undefined);
  return frame.evaluate(readLeaders);
}

// ---- the run ---------------------------------------------------------------------------------------------------

let host: Server;
let hostOrigin: string;
let chromium: TestBrowser;
let context: BrowserContext;
let page: Page;
let tokenA: { id: number; secret: string };
let tokenHead: { id: number; secret: string };
let cookieA: string;

const frameOf = (name: 'month' | 'region') =>
  page.waitForFrame((f) => f.url().startsWith(new URL(`/w/${name}?`, server.url).toString()), { timeout: 10_000 });

beforeAll(async () => {
  for (const bundle of ['month.js', 'region.js', 'embed.js']) requireBuilt(join(W, bundle));
  host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(homePage1C(new URL(req.url ?? '/', 'http://host').searchParams));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  server = await startWorker({ http: true, assets: true, bindings: { FRAME_ANCESTORS: hostOrigin } });
  await seedWorld(server);

  const admin = await sessionCookie(server, 'admin');
  const head = await sessionCookie(server, 'headA');
  cookieA = await sessionCookie(server, 'managerA');
  await asUser(admin, 'POST', '/api/pay/rules', { rule: RULE });
  await asUser(head, 'PUT', `/api/plans/${world.users.managerA.id}/${MONTH}`, { amountKopecks: PLAN_A, metric: 'shipments' });
  await asUser(head, 'PUT', `/api/plans/${world.users.managerB.id}/${MONTH}`, { amountKopecks: PLAN_B, metric: 'shipments' });
  // 1C names the clients first (matched to A's and B's companies by ИНН+КПП), then ships to them.
  await push1C([counterparty(REF.krovlyaA, 'Кровля А', '7707083893'), counterparty(REF.proflistB, 'Профлист Б', '7702070139')]);
  await push1C([...SHIPMENTS_A.map((k) => shipment(REF.krovlyaA, k)), ...SHIPMENTS_B.map((k) => shipment(REF.proflistB, k))]);
  // Targeted calls (≥ 30 s with a known client), then a missed call from the client: one to call back.
  const t = TEST_NOW_S - 120;
  for (let i = 0; i < TARGETED_CALLS_A; i++) {
    await call({
      type: 'call.ended',
      call_id: `kpi-out-${i}`,
      direction: 'out',
      from: '101',
      to: KNOWN_PHONE,
      extension: '101',
      timestamp: t + i * 10,
      duration: 45,
      result: 'answered',
    });
  }
  await call({
    type: 'call.ended',
    call_id: 'kpi-missed',
    direction: 'in',
    from: KNOWN_PHONE,
    to: '+74957700000',
    extension: '101',
    timestamp: t + 60,
    duration: 0,
    result: 'missed',
  });

  tokenA = await createToken(server, cookieA, 'embed');
  tokenHead = await createToken(server, head, 'embed');
  chromium = await launchBrowser();
  context = await chromium.browser.createBrowserContext();
  page = await context.newPage();
  const widgetUrl = (name: string, secret: string) =>
    new URL(`/w/${name}?t=${encodeURIComponent(secret)}&refresh=1`, server.url).toString();
  const q = new URLSearchParams({
    month: widgetUrl('month', tokenA.secret),
    region: widgetUrl('region', tokenHead.secret),
    embed: new URL('/w/embed.js', server.url).toString(),
    token: tokenA.secret,
  });
  await page.goto(`${hostOrigin}/?${q}`);
});

afterAll(async () => {
  await context?.close();
  await chromium?.close();
  await server?.dispose();
  await new Promise((resolve) => host?.close(resolve));
});

describe('KPI widgets on the 1C home page', () => {
  const before = expectedPay(sum(SHIPMENTS_A), PLAN_A);
  const monthBefore = {
    'plan-completion': pct(before.completionBp),
    'plan-fact': `Факт ${rub(sum(SHIPMENTS_A))} из ${rub(PLAN_A)}`,
    earned: rub(before.earned),
    'targeted-calls': `${TARGETED_CALLS_A} из ${RULE.kpis[0]!.target}`,
  };

  it('shows manager A his month: plan completion, pay so far, targeted calls and whom to call back', async () => {
    const frame = await frameOf('month');
    expect(monthBefore).toEqual({
      'plan-completion': `37,21${NBSP}%`,
      'plan-fact': `Факт 372${NBSP}187,23${NBSP}₽ из 1${NBSP}000${NBSP}000,00${NBSP}₽`,
      earned: `45${NBSP}582,81${NBSP}₽`,
      'targeted-calls': '3 из 15',
    });
    expect(
      await shows(frame, 'voronka-month', {
        ...monthBefore,
        'user-name': 'Анна Менеджер',
        'call-back-phone': `+7${NBSP}495${NBSP}123-45-67`,
      }),
    ).toEqual({ ...monthBefore, 'user-name': 'Анна Менеджер', 'call-back-phone': `+7${NBSP}495${NBSP}123-45-67` });
    expect(await frame.evaluate(readTexts, 'voronka-month', ['call-back', 'overdue-tasks'])).toEqual({
      'call-back': expect.stringContaining('ООО "Кровля А"'),
      'overdue-tasks': '0',
    });

    // The funnel lists the open stages the API knows, with the same counts.
    const api = (await (await server.fetch(`/api/widgets/month?t=${encodeURIComponent(tokenA.secret)}`)).json()) as {
      funnel: { stageId: string; count: number }[];
    };
    expect(api.funnel.length).toBeGreaterThan(0);
    const counts = await frame.evaluate(
      (ids: string[]) => {
        const root = (globalThis as unknown as Doc).document.querySelector('voronka-month')?.shadowRoot;
        return ids.map((id) => root?.querySelector(`[data-testid="stage-${id}"] [data-testid="stage-count"]`)?.textContent ?? null);
      },
      api.funnel.map((f) => f.stageId),
    );
    expect(counts).toEqual(api.funnel.map((f) => String(f.count)));
  });

  it('shows the head his region against its plan and his managers ranked by completion', async () => {
    const frame = await frameOf('region');
    const regionBp = Number((BigInt(sum(SHIPMENTS_A) + sum(SHIPMENTS_B)) * 10_000n) / BigInt(PLAN_A + PLAN_B));
    expect(
      await shows(frame, 'voronka-region', {
        regions: 'Москва',
        'region-completion': pct(regionBp),
        'region-fact': `Факт ${rub(sum(SHIPMENTS_A) + sum(SHIPMENTS_B))} из ${rub(PLAN_A + PLAN_B)}`,
      }),
    ).toEqual({
      regions: 'Москва',
      'region-completion': `51,47${NBSP}%`,
      'region-fact': `Факт 772${NBSP}187,23${NBSP}₽ из 1${NBSP}500${NBSP}000,00${NBSP}₽`,
    });
    expect(
      await leadersEventually(frame, [
        ['Борис Менеджер', pct(expectedPay(sum(SHIPMENTS_B), PLAN_B).completionBp)],
        ['Анна Менеджер', monthBefore['plan-completion']],
      ]),
    ).toEqual([
      ['Борис Менеджер', `80,00${NBSP}%`],
      ['Анна Менеджер', `37,21${NBSP}%`],
    ]);
  });

  it('shows the same month through the embed.js script tag, placed where the script is', async () => {
    expect(
      await page.evaluate(
        () =>
          (
            globalThis as unknown as { document: { querySelector(s: string): { parentElement: { id: string } | null } | null } }
          ).document.querySelector('voronka-month')?.parentElement?.id,
      ),
    ).toBe('portal');
    expect(await shows(page.mainFrame(), 'voronka-month', monthBefore)).toEqual(monthBefore);
  });

  it('sizes the iframes to the widgets through their height messages', async () => {
    await page.waitForFunction(
      () => {
        const h = (globalThis as unknown as { heights: Record<string, number> }).heights;
        return h['month'] && h['region'];
      },
      { timeout: 10_000 },
    );
    const heights = await page.evaluate(() => (globalThis as unknown as { heights: Record<string, number> }).heights);
    const month = await frameOf('month');
    const contentHeight = await month.evaluate(() =>
      Math.ceil(
        (
          globalThis as unknown as { document: { documentElement: { getBoundingClientRect(): { height: number } } } }
        ).document.documentElement.getBoundingClientRect().height,
      ),
    );
    expect(heights['month']).toBe(contentHeight);
    expect(heights['month']).toBeGreaterThan(300);
  });

  it('updates every figure by itself within seconds of a new shipment, without a reload', async () => {
    await push1C([shipment(REF.krovlyaA, LATER_SHIPMENT_A)]);
    const after = expectedPay(sum(SHIPMENTS_A) + LATER_SHIPMENT_A, PLAN_A);
    const monthAfter = {
      'plan-completion': pct(after.completionBp),
      'plan-fact': `Факт ${rub(sum(SHIPMENTS_A) + LATER_SHIPMENT_A)} из ${rub(PLAN_A)}`,
      earned: rub(after.earned),
      'targeted-calls': monthBefore['targeted-calls'],
    };
    expect(monthAfter.earned).toBe(`66${NBSP}082,81${NBSP}₽`); // the 100 % tier is now reached

    const [month, region] = [await frameOf('month'), await frameOf('region')];
    expect(await shows(month, 'voronka-month', monthAfter)).toEqual(monthAfter);
    expect(await shows(page.mainFrame(), 'voronka-month', monthAfter)).toEqual(monthAfter);
    expect(
      await leadersEventually(region, [
        ['Анна Менеджер', `107,21${NBSP}%`],
        ['Борис Менеджер', `80,00${NBSP}%`],
      ]),
    ).toEqual([
      ['Анна Менеджер', pct(after.completionBp)],
      ['Борис Менеджер', `80,00${NBSP}%`],
    ]);
  });

  it('says the token is revoked, and hides the figures, once A revokes it', async () => {
    const res = await server.fetch(`/api/tokens/${tokenA.id}`, { method: 'DELETE', headers: { cookie: cookieA } });
    expect(res.status).toBe(200);

    const month = await frameOf('month');
    expect(await shows(month, 'voronka-month', { state: REVOKED_TEXT, 'plan-completion': null })).toEqual({
      state: REVOKED_TEXT,
      'plan-completion': null,
    });
    expect(await shows(page.mainFrame(), 'voronka-month', { state: REVOKED_TEXT, 'plan-completion': null })).toEqual({
      state: REVOKED_TEXT,
      'plan-completion': null,
    });
    // The head's token is his own: his widget goes on.
    expect((await shows(await frameOf('region'), 'voronka-region', { state: null })).state).toBeNull();
  });
});

describe('KPI widget bundles', () => {
  it.each(['month.js', 'region.js', 'today.js'])('%s stays within 10 KB gzip', (bundle) => {
    expect(gzipSync(readFileSync(join(W, bundle)), { level: 9 }).length).toBeLessThanOrEqual(10 * 1024);
  });

  it('embed.js stays tiny (≤ 1 KB gzip)', () => {
    expect(gzipSync(readFileSync(join(W, 'embed.js')), { level: 9 }).length).toBeLessThanOrEqual(1024);
  });
});
