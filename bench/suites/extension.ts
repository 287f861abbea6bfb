import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import { parseVars } from '../../scripts/lib/bundle-worker';
import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import {
  contentEventually,
  extensionGranting,
  fixturePages,
  inContentScript,
  launchBrowser,
  serveFixtureSites,
  signInAndEnableSites,
} from '../../tests/helpers/browser';
import { getOk, percentile, round, type Metric } from '../lib/measure';
import { ROOT } from '../lib/server';
import type { BenchContext } from '../run';

const PASSWORD = 'demo2026';
const OPENINGS = 30;
const RINGS = 20;
const GMAIL_THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWkzrHvPfTnPqRsXwMnBlCkD';
/** The one file scripting.registerContentScripts injects (an IIFE: it imports nothing else), per build. */
const CONTENT_SCRIPT = join(ROOT, 'dist', 'extension', 'src', 'content', 'index.js');
const FIREFOX_CONTENT_SCRIPT = join(ROOT, 'dist', 'extension-firefox', 'src', 'content', 'index.js');

/**
 * The extension at full scale, with the built extension in Chromium against the year database:
 * the content script's weight, the mail sidebar's card after a thread opens (warm), and the
 * incoming-call card over the page after the PBX webhook.
 */
export async function run({ server, now }: BenchContext): Promise<Metric[]> {
  for (const [file, mode] of [
    [CONTENT_SCRIPT, []],
    [FIREFOX_CONTENT_SCRIPT, ['--mode', 'firefox']],
  ] as const) {
    if (existsSync(file)) continue;
    const built = spawnSync('npx', ['vite', 'build', '-c', 'extension/vite.config.ts', ...mode], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('extension build failed');
  }
  const gzipKb = gzipSync(readFileSync(CONTENT_SCRIPT), { level: 9 }).byteLength / 1024;
  const firefoxGzipKb = gzipSync(readFileSync(FIREFOX_CONTENT_SCRIPT), { level: 9 }).byteLength / 1024;

  const manager = { cookie: await server.signIn('m001@demo.voronka.ru', PASSWORD) };
  const me = (await getOk(`${server.base}/api/me`, manager)) as { id: number };
  const own = (
    (await getOk(`${server.base}/api/companies?limit=100&ownerId=${me.id}`, manager)) as { items: { id: number; name: string }[] }
  ).items;
  const clients: { email: string; phone: string | null; name: string }[] = [];
  for (const company of own) {
    if (clients.length >= OPENINGS + 3) break;
    const detail = (await getOk(`${server.base}/api/companies/${company.id}`, manager)) as {
      name: string;
      contacts: { points: { kind: string; value: string }[] }[];
    };
    const points = detail.contacts.flatMap((c) => c.points);
    const email = points.find((p) => p.kind === 'email')?.value;
    if (email) clients.push({ email, phone: points.find((p) => p.kind === 'phone')?.value ?? null, name: detail.name });
  }
  if (clients.length < OPENINGS + 3) throw new Error(`only ${clients.length} clients of m001 have an e-mail`);

  const sites = await serveFixtureSites(fixturePages());
  const extension = await extensionGranting(['https://mail.google.com/*']);
  const chromium = await launchBrowser({ extension: true, extensionDir: extension.dir, args: sites.args });
  try {
    await signInAndEnableSites(chromium.browser, server.base, 'm001@demo.voronka.ru', PASSWORD, {
      sites: ['gmail'],
      customOrigins: [],
      callPopups: true,
    });
    const page = await chromium.browser.newPage();
    await page.goto(GMAIL_THREAD);
    await page.bringToFront();
    await contentEventually(page, 'voronkaPage.sidebarShown');

    // Gmail swaps the conversation in place: a new thread id and a new correspondent, then the card.
    let current = 'ivan@krovlya.ru';
    const openThread = async (i: number, email: string): Promise<{ ms: number; company: string | null }> => {
      const threadKey = `gmail:thread-f:bench-${i}`;
      const t0 = await page.evaluate(
        (from: string, to: string, key: string) => {
          const doc = (
            globalThis as unknown as {
              document: {
                querySelector(s: string): { setAttribute(n: string, v: string): void } | null;
                querySelectorAll(s: string): { setAttribute(n: string, v: string): void }[];
              };
            }
          ).document;
          const started = performance.now(); // the document's monotonic timeline, the one the content script stamps shownAt on
          doc.querySelector('h2.hP')!.setAttribute('data-thread-perm-id', key.slice('gmail:'.length));
          for (const el of doc.querySelectorAll(`[email="${from}"]`)) el.setAttribute('email', to);
          return started;
        },
        current,
        email,
        threadKey,
      );
      current = email;
      const shown = await contentEventually<{ shownAt: number; companyName: string | null }>(
        page,
        `voronkaPage.sidebarShown?.threadKey === '${threadKey}' && voronkaPage.sidebarShown`,
        10_000,
      );
      return { ms: shown.shownAt - t0, company: shown.companyName };
    };
    const sidebar: number[] = [];
    let wrong = 0;
    for (let i = 0; i < OPENINGS + 3; i++) {
      const client = clients[i]!;
      const { ms, company } = await openThread(i, client.email);
      if (company !== client.name) wrong++;
      if (i >= 3) sidebar.push(ms); // three untimed warm-up openings
    }
    sidebar.sort((a, b) => a - b);

    const popup = await ringLatencies(
      page,
      server.base,
      now,
      clients.map((c) => c.phone).filter((p): p is string => p !== null),
    );
    return [
      { metric: 'extension.content_script_gzip_kb', value: round(gzipKb), unit: 'KB', target: '<= 40' },
      { metric: 'extension.firefox.content_script_gzip_kb', value: round(firefoxGzipKb), unit: 'KB', target: '<= 40' },
      { metric: 'extension.sidebar_ms', value: round(percentile(sidebar, 95)), unit: 'ms', target: '<= 200' },
      { metric: 'extension.sidebar_p50_ms', value: round(percentile(sidebar, 50)), unit: 'ms' },
      { metric: 'extension.sidebar_wrong_company_count', value: wrong, unit: 'count' },
      { metric: 'extension.popup_latency_ms', value: round(percentile(popup, 95)), unit: 'ms', target: '<= 300' },
      { metric: 'extension.popup_latency_p50_ms', value: round(percentile(popup, 50)), unit: 'ms' },
    ];
  } finally {
    await chromium.close();
    await extension.dispose();
    await sites.close();
  }
}

/** Signed generic call.ringing webhooks from m001's clients → the caller's card drawn over the active tab. */
async function ringLatencies(page: Page, base: string, now: number, phones: string[]): Promise<number[]> {
  const secret = parseVars(readFileSync(join(ROOT, '.dev.vars.example'), 'utf8'))['TELEPHONY_WEBHOOK_SECRET']!;
  const run = randomUUID().slice(0, 8);
  const latencies: number[] = [];
  for (let i = -3; i < RINGS; i++) {
    const callId = `bench-popup-${run}-${i}`;
    const body = JSON.stringify({
      type: 'call.ringing',
      call_id: callId,
      timestamp: now,
      direction: 'in',
      from: phones[(i + 3) % phones.length],
      to: '+74950000000',
    });
    const id = `msg_${callId}`;
    const ts = Math.floor(now / 1000);
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': await signStandardWebhook(secret, id, ts, body),
    };
    const before = await inContentScript<number>(page, 'voronkaPage.callShown?.at ?? 0');
    // Both ends on the page's own monotonic timeline (performance.now()), no calendar: read just before sending.
    const sentAt = await inContentScript<number>(page, 'performance.now()');
    const res = await fetch(`${base}/hooks/telephony/generic`, { method: 'POST', headers, body });
    if (!res.ok) throw new Error(`webhook: ${res.status} ${await res.text()}`);
    const shown = await contentEventually<{ shownAt: number }>(
      page,
      `voronkaPage.callShown?.at > ${before} && voronkaPage.callShown`,
      5_000,
    );
    if (i >= 0) latencies.push(shown.shownAt - sentAt);
  }
  return latencies.sort((a, b) => a - b);
}
