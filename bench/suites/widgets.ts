import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import { launchBrowser } from '../../tests/helpers/browser';
import type { BenchContext } from '../run';
import { percentile, round, type Metric } from '../lib/measure';
import { ROOT } from '../lib/server';

const PASSWORD = 'demo2026';
const LOADS = 20;
const WARMUP = 3;
/** The imitation 1C home page must be an origin the worker lets frame widgets (.dev.vars.example FRAME_ANCESTORS). */
const HOST_PORT = 8080;
/** Set by widgets/src/lib/useWidgetData.ts once the first figures are painted. */
const FIRST_FIGURES_MARK = 'voronka:first-figures';

const WIDGETS = [
  { name: 'today', who: 'manager' },
  { name: 'month', who: 'manager' },
  { name: 'region', who: 'head' },
] as const;

/**
 * The widgets' budgets: each bundle ≤ 10 KB gzip, and the first figures on screen ≤ 150 ms after the
 * iframe starts navigating, inside an imitation 1C home page in Chromium, over the year data set.
 * first_render_ms is the p95 of 20 loads without the HTTP cache (every load fetches page, bundle and
 * figures); the median is reported beside it.
 */
export async function run({ server }: BenchContext): Promise<Metric[]> {
  const metrics: Metric[] = [];
  for (const { name } of WIDGETS) {
    const gzip = gzipSync(readFileSync(join(ROOT, 'dist', 'public', 'w', `${name}.js`)), { level: 9 }).length;
    metrics.push({ metric: `widget.${name}.gzip_kb`, value: round(gzip / 1024), unit: 'KB', target: '<= 10' });
  }

  const cookies = {
    manager: await server.signIn('m001@demo.voronka.ru', PASSWORD),
    head: await server.signIn('head1@demo.voronka.ru', PASSWORD),
  };
  const tokens = { manager: await createEmbedToken(server.base, cookies.manager), head: await createEmbedToken(server.base, cookies.head) };
  const host = await startHostPage();
  const chromium = await launchBrowser();
  try {
    const page = await (await chromium.browser.createBrowserContext()).newPage();
    await page.setCacheEnabled(false);
    for (const { name, who } of WIDGETS) {
      const widgetUrl = `${server.base}/w/${name}?t=${encodeURIComponent(tokens[who].secret)}`;
      const times: number[] = [];
      for (let i = 0; i < WARMUP + LOADS; i++) {
        const ms = await firstFiguresMs(page, widgetUrl);
        if (i >= WARMUP) times.push(ms);
      }
      times.sort((a, b) => a - b);
      metrics.push({ metric: `widget.${name}.first_render_ms`, value: round(percentile(times, 95)), unit: 'ms', target: '<= 150' });
      metrics.push({ metric: `widget.${name}.first_render_p50_ms`, value: round(percentile(times, 50)), unit: 'ms' });
    }
  } finally {
    await chromium.close();
    await new Promise((resolve) => host.close(resolve));
    // The year database keeps no live tokens from a bench run.
    await revokeToken(server.base, cookies.manager, tokens.manager.id);
    await revokeToken(server.base, cookies.head, tokens.head.id);
  }
  return metrics;
}

/** One load of the host page; ms from the iframe's navigation start (its time origin) to the painted figures. */
async function firstFiguresMs(page: Page, widgetUrl: string): Promise<number> {
  await page.goto(`http://127.0.0.1:${HOST_PORT}/?src=${encodeURIComponent(widgetUrl)}`, { waitUntil: 'domcontentloaded' });
  const frame = await page.waitForFrame((f) => f.url() === widgetUrl, { timeout: 10_000 });
  try {
    const mark = await frame.waitForFunction(
      (markName: string) => {
        const perf = (globalThis as unknown as { performance: { getEntriesByName(n: string): { startTime: number }[] } }).performance;
        return perf.getEntriesByName(markName)[0]?.startTime;
      },
      { timeout: 10_000, polling: 20 },
      FIRST_FIGURES_MARK,
    );
    return Number(await mark.jsonValue());
  } catch (err) {
    const state = await frame
      .evaluate(() => {
        const doc = (
          globalThis as unknown as {
            document: {
              querySelector(s: string): { shadowRoot: { querySelector(s: string): { textContent: string | null } | null } | null } | null;
            };
          }
        ).document;
        return (
          doc.querySelector('voronka-today, voronka-month, voronka-region')?.shadowRoot?.querySelector('[data-testid="state"]')
            ?.textContent ?? null
        );
      })
      .catch(() => null);
    throw new Error(`${widgetUrl.replace(/\?t=.*/, '')}: no figures (${state ?? String(err)})`);
  }
}

/** The 1C home page stand-in: the widget in an iframe, as the HTML-document field shows it. */
async function startHostPage(): Promise<Server> {
  const host = createServer((req, res) => {
    const src = (new URL(req.url ?? '/', 'http://host').searchParams.get('src') ?? '').replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Начальная страница — 1С</title></head>
<body><h1>Начальная страница</h1><iframe src="${src}" style="width:100%;border:0;height:400px"></iframe></body></html>`);
  });
  await new Promise<void>((resolve, reject) => {
    host.once('error', (err) =>
      reject(new Error(`port ${HOST_PORT} (the 1C origin the worker allows to frame widgets) is busy: ${String(err)}`)),
    );
    host.listen(HOST_PORT, '127.0.0.1', resolve);
  });
  return host;
}

async function createEmbedToken(base: string, cookie: string): Promise<{ id: number; secret: string }> {
  const res = await fetch(`${base}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ kind: 'embed', name: 'bench widgets' }),
  });
  if (res.status !== 201) throw new Error(`embed token: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: { id: number }; secret: string };
  return { id: body.token.id, secret: body.secret };
}

async function revokeToken(base: string, cookie: string, id: number): Promise<void> {
  await fetch(`${base}/api/tokens/${id}`, { method: 'DELETE', headers: { cookie } }).catch(() => undefined);
}
