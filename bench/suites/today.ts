import Database from 'better-sqlite3';
import { localD1File } from '../../scripts/lib/local-d1';
import { percentile, round, timeCalls, type Metric } from '../lib/measure';
import type { BenchContext } from '../run';

const PASSWORD = 'demo2026';
const CALLS = Number(process.env.BENCH_TODAY_CALLS || 200);

/** The manager owning the most clients and the head of the most companies, read from the year data. */
function pickUsers(file: string): { manager: string; head: string } {
  const db = new Database(file, { readonly: true });
  try {
    const manager = db
      .prepare(`SELECT u.email FROM users u JOIN companies c ON c.owner_id = u.id WHERE u.role = 'manager' AND u.active = 1
        GROUP BY u.id ORDER BY count(*) DESC LIMIT 1`)
      .get() as { email: string };
    const head = db
      .prepare(`SELECT u.email FROM users u JOIN user_regions ur ON ur.user_id = u.id JOIN companies c ON c.region_id = ur.region_id
        WHERE u.role = 'head' AND u.active = 1 GROUP BY u.id ORDER BY count(*) DESC LIMIT 1`)
      .get() as { email: string };
    return { manager: manager.email, head: head.email };
  } finally {
    db.close();
  }
}

/** The page as the browser gets it: HTML, the whole list server-rendered. */
async function pageOk(url: string, cookie: string): Promise<number> {
  const res = await fetch(url, { headers: { cookie, accept: 'text/html' } });
  const html = await res.text();
  if (!res.ok || !html.includes('Мой день')) throw new Error(`${url}: ${res.status}`);
  return (html.match(/data-key="/g) ?? []).length;
}

/**
 * `page.today.p95_ms`: «Мой день» (GET /app/today, HTML) through HTTP on the seed:year data, for the
 * manager with the most clients and for the head of the largest regions; the metric is the slower
 * of the two. The menu counters (GET /api/today/counts, on every page) are measured beside it.
 */
export async function run({ server, yearDir }: BenchContext): Promise<Metric[]> {
  const who = pickUsers(localD1File(yearDir));
  const manager = await server.signIn(who.manager, PASSWORD);
  const head = await server.signIn(who.head, PASSWORD);
  const rows = { manager: await pageOk(`${server.base}/app/today`, manager), head: await pageOk(`${server.base}/app/today`, head) };
  console.log(`  ${who.manager}: ${rows.manager} rows; ${who.head}: ${rows.head} rows`);
  const asManager = await timeCalls(CALLS, async () => void (await pageOk(`${server.base}/app/today`, manager)));
  const asHead = await timeCalls(CALLS, async () => void (await pageOk(`${server.base}/app/today`, head)));
  const counts = await timeCalls(CALLS, async () => {
    const res = await fetch(`${server.base}/api/today/counts`, { headers: { cookie: head } });
    if (!res.ok) throw new Error(`/api/today/counts: ${res.status}`);
    await res.json();
  });
  // The same server's floor under the same load: a signed-in GET that reads almost nothing.
  const floor = await timeCalls(CALLS, async () => {
    const res = await fetch(`${server.base}/api/me`, { headers: { cookie: head } });
    if (!res.ok) throw new Error(`/api/me: ${res.status}`);
    await res.json();
  });
  const p95 = (t: number[]) => round(percentile(t, 95));
  return [
    { metric: 'page.today.p95_ms', value: Math.max(p95(asManager), p95(asHead)), unit: 'ms', target: '<= 50' },
    { metric: 'page.today.manager.p95_ms', value: p95(asManager), unit: 'ms' },
    { metric: 'page.today.head.p95_ms', value: p95(asHead), unit: 'ms' },
    {
      metric: 'page.today.p50_ms',
      value: round(
        percentile(
          [...asManager, ...asHead].sort((a, b) => a - b),
          50,
        ),
      ),
      unit: 'ms',
    },
    { metric: 'api.today_counts.p95_ms', value: p95(counts), unit: 'ms', target: '<= 20' },
    { metric: 'api.me.p95_ms (floor, same run)', value: p95(floor), unit: 'ms' },
  ];
}
