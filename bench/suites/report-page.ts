import Database from 'better-sqlite3';
import { localD1File } from '../../scripts/lib/local-d1';
import { percentile, round, timeCalls, type Metric } from '../lib/measure';
import type { BenchContext } from '../run';

/**
 * `page.report.p95_ms`: the report pages as a head opens them (issue 17) — the whole HTML page
 * through HTTP with a real session: the calls of this week with the pay rule's norm, time in stage
 * with the stuck leads, the silent clients — for the manager with the most clients and for the head
 * of his region. The worst p95 of the six cases, each warmed up and timed CALLS times.
 */
const PASSWORD = 'demo2026';
const CALLS = Number(process.env.BENCH_REPORT_PAGE_CALLS || 30);
const WARMUP = 5;
const DAY = 86_400_000;

/** The «эта неделя» preset at the bench's clock (Moscow, UTC+3 all year): Monday to Sunday. */
function thisWeek(now: number): { from: string; to: string } {
  const today = new Date(now + 3 * 3_600_000);
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(monday), to: iso(new Date(monday.getTime() + 6 * DAY)) };
}

/** The manager who owns the most clients, and a head of his region, read from the seeded database. */
function whoToTime(yearDir: string): { manager: string; head: string; clients: number } {
  const db = new Database(localD1File(yearDir), { readonly: true, fileMustExist: true });
  try {
    const top = db
      .prepare(`SELECT u.id, u.email, count(*) AS n FROM companies c JOIN users u ON u.id = c.owner_id
        WHERE c.merged_into_id IS NULL AND u.role = 'manager' GROUP BY u.id ORDER BY n DESC LIMIT 1`)
      .get() as { id: number; email: string; n: number };
    const head = db
      .prepare(`SELECT u.email FROM users u JOIN user_regions r ON r.user_id = u.id
        WHERE u.role = 'head' AND r.region_id IN (SELECT region_id FROM user_regions WHERE user_id = ?) ORDER BY u.id LIMIT 1`)
      .get(top.id) as { email: string };
    return { manager: top.email, head: head.email, clients: top.n };
  } finally {
    db.close();
  }
}

export async function run({ server, yearDir, now }: BenchContext): Promise<Metric[]> {
  const people = whoToTime(yearDir);
  const week = thisWeek(now);
  const pages = [
    `/app/reports/calls?from=${week.from}&to=${week.to}`,
    `/app/reports/stages?from=${week.from}&to=${week.to}`,
    '/app/reports/dormant',
  ];
  // The same report through the JSON API, timed alternately with the page under the same load: what the page adds.
  const p95: Record<string, number> = {};
  const apiP95: Record<string, number> = {};
  for (const [role, email] of [
    ['head', people.head],
    ['manager', people.manager],
  ] as const) {
    const cookie = await server.signIn(email, PASSWORD);
    for (const path of pages) {
      const pageUrl = `${server.base}${path}`;
      const apiUrl = `${server.base}${path.replace('/app/reports/', '/api/reports/')}`;
      const pageTimes: number[] = [];
      const apiTimes: number[] = [];
      const timed = async (url: string, into: number[], check: (res: Response, body: string) => boolean) => {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        const body = await res.text();
        into.push(performance.now() - t0);
        if (!check(res, body)) throw new Error(`${url} as ${email}: ${res.status}`);
      };
      await timeCalls(
        CALLS,
        async () => {
          await timed(pageUrl, pageTimes, (res, html) => res.ok && html.includes('data-testid="report-table"'));
          await timed(apiUrl, apiTimes, (res) => res.ok);
        },
        WARMUP,
      );
      const key = `${role} ${path.split('?')[0]}`;
      // The warm-up calls went into the lists first: drop them.
      p95[key] = round(
        percentile(
          pageTimes.slice(WARMUP).sort((a, b) => a - b),
          95,
        ),
      );
      apiP95[key] = round(
        percentile(
          apiTimes.slice(WARMUP).sort((a, b) => a - b),
          95,
        ),
      );
    }
  }
  console.log(`  page.report: ${people.manager} (${people.clients} clients) and ${people.head}; p95 ms of the page:`, p95);
  console.log('  the same reports through /api/reports (JSON), p95 ms, same run:', apiP95);
  return [{ metric: 'page.report.p95_ms', value: Math.max(...Object.values(p95)), unit: 'ms', target: '<= 50' }];
}
