import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { prepareLocalD1 } from '../../scripts/lib/local-d1';
import { getOk, percentile, round, timeCalls, type Metric } from '../lib/measure';
import { LocalServer, ROOT } from '../lib/server';
import type { BenchContext } from '../run';

/**
 * `report.*`: the six report pages' API at full scale, through HTTP with real sessions.
 *
 * - `report.R.p95_ms`: the worst p95 of four cases — 12 months and 1 month ending today (Moscow),
 *   whole company (the admin) and one manager — each warmed up, then timed ROLLUP_CALLS times.
 * - `report.R.speedup_vs_naive_x`: median of `source=raw` (GROUP BY over the raw rows, the naive way)
 *   ÷ median of the rollup, 12 months, whole company, same server and run; the two answers must agree.
 * - `report.R.growth_3y_vs_1y_x`: the 12-month whole-company rollup on a 3-year database ÷ on the
 *   1-year one, by p50, the two timed in alternation under the same conditions.
 */
const PASSWORD = 'demo2026';
const ADMIN = 'admin@demo.voronka.ru';
/**
 * The one-manager case signs in AS the manager rather than the admin adding `managerId`: it is the
 * request a manager really makes (his own session, the manager's access path), and reportScope
 * resolves both to the same scope (userId = that manager, no region limit), so the SQL timed is the
 * same one a head's or the admin's `managerId` drill-down runs.
 */
const MANAGER = 'm001@demo.voronka.ru';
const REPORTS = ['calls', 'leads', 'stages', 'clients', 'dormant', 'invoices'] as const;
type ReportId = (typeof REPORTS)[number];
const ROLLUP_CALLS = Number(process.env.BENCH_REPORTS_CALLS || 30);
const ROLLUP_WARMUP = 5;
/** The naive way takes long per call: fewer of them, after the rollup ones. */
const NAIVE_CALLS = Number(process.env.BENCH_REPORTS_NAIVE_CALLS || 5);
const NAIVE_WARMUP = 1;
const YEAR3_PORT = Number(process.env.BENCH_REPORTS_PORT || 8792);

type Answer = { source: string; totals: Record<string, number | null>; rows: Record<string, unknown>[] };
type Who = { cookie: string };

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The same calendar day n months back (clamped to the month's end). */
function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** "12 months ending today" = the 365 (366) days up to and including today (Moscow, UTC+3 all year, at the bench's clock); likewise one month. */
function periodsAt(now: number) {
  const today = new Date(now + 3 * 3_600_000).toISOString().slice(0, 10);
  return {
    '12m': { from: addDays(addMonths(today, -12), 1), to: today, by: 'week' },
    '1m': { from: addDays(addMonths(today, -1), 1), to: today, by: 'day' },
  } as const;
}
let PERIODS = periodsAt(0);
type Period = keyof typeof PERIODS;

function reportUrl(base: string, report: ReportId, period: Period, source: 'rollup' | 'raw' = 'rollup'): string {
  const p = PERIODS[period];
  return `${base}/api/reports/${report}?from=${p.from}&to=${p.to}&by=${p.by}&source=${source}`;
}

async function fetchReport(url: string, who: Who, source: 'rollup' | 'raw'): Promise<Answer> {
  const answer = (await getOk(url, who)) as Answer;
  if (answer.source !== source) throw new Error(`${url}: asked for source=${source}, got ${answer.source}`);
  return answer;
}

/** What must be equal between the naive and the rollup answer of a report, as named figures. */
function mustAgree(report: ReportId, a: Answer): Record<string, unknown> {
  switch (report) {
    case 'stages':
      return { stays: a.totals['stays'], byStage: Object.fromEntries(a.rows.map((r) => [String(r['stageId']), r['stays']])) };
    case 'dormant':
      return { silent: a.totals['silent'] };
    default:
      return a.totals;
  }
}

export async function run({ server, now }: BenchContext): Promise<Metric[]> {
  PERIODS = periodsAt(now);
  console.log(`  periods: 12m ${PERIODS['12m'].from}…${PERIODS['12m'].to} by week, 1m ${PERIODS['1m'].from}…${PERIODS['1m'].to} by day`);
  const admin: Who = { cookie: await server.signIn(ADMIN, PASSWORD) };
  const manager: Who = { cookie: await server.signIn(MANAGER, PASSWORD) };
  const me = (await getOk(`${server.base}/api/me`, manager)) as { id: number; role?: string };
  // The manager's answer must be his own figures, not the company's: a scope mix-up would time the wrong thing.
  const own = await fetchReport(reportUrl(server.base, 'calls', '1m'), manager, 'rollup');
  const company = await fetchReport(reportUrl(server.base, 'calls', '1m'), admin, 'rollup');
  if (!Number(own.totals['calls'])) throw new Error(`${MANAGER} has no calls in the last month: pick another manager`);
  if (Number(own.totals['calls']) >= Number(company.totals['calls']))
    throw new Error(`${MANAGER}'s calls are not a subset of the company's`);
  console.log(
    `  manager case: ${MANAGER} (id ${me.id}) signed in himself; ${own.totals['calls']} of the company's ${company.totals['calls']} calls last month`,
  );

  const metrics: Metric[] = [];
  const table: Record<string, Record<string, number | string>> = {};
  const rollupMedian = new Map<ReportId, number>();

  // 1. Rollup: four cases per report on the 1-year database.
  for (const report of REPORTS) {
    let worst = 0;
    const row: Record<string, number | string> = {};
    for (const [who, whoName] of [
      [admin, 'company'],
      [manager, 'manager'],
    ] as const) {
      for (const period of ['12m', '1m'] as const) {
        const url = reportUrl(server.base, report, period);
        const times = await timeCalls(
          ROLLUP_CALLS,
          async () => {
            await fetchReport(url, who, 'rollup');
          },
          ROLLUP_WARMUP,
        );
        const p50 = percentile(times, 50);
        const p95 = percentile(times, 95);
        worst = Math.max(worst, p95);
        const key = `${whoName}_${period}`;
        metrics.push({ metric: `report.${report}.${key}.p50_ms`, value: round(p50), unit: 'ms' });
        metrics.push({ metric: `report.${report}.${key}.p95_ms`, value: round(p95), unit: 'ms' });
        row[`${key} p50/p95`] = `${round(p50, 1)} / ${round(p95, 1)}`;
        if (key === 'company_12m') rollupMedian.set(report, p50);
      }
    }
    metrics.push({ metric: `report.${report}.p95_ms`, value: round(worst), unit: 'ms', target: '<= 30' });
    row['worst p95'] = round(worst, 1);
    table[report] = row;
  }

  // 2. Naive (source=raw), 12 months, whole company, after the rollup timings; answers must agree.
  const agreed: string[] = [];
  for (const report of REPORTS) {
    const rollupAnswer = await fetchReport(reportUrl(server.base, report, '12m', 'rollup'), admin, 'rollup');
    let rawAnswer: Answer | undefined;
    const url = reportUrl(server.base, report, '12m', 'raw');
    const times = await timeCalls(
      NAIVE_CALLS,
      async () => {
        rawAnswer = await fetchReport(url, admin, 'raw');
      },
      NAIVE_WARMUP,
    );
    const want = mustAgree(report, rollupAnswer);
    const got = mustAgree(report, rawAnswer!);
    if (!isDeepStrictEqual(want, got)) {
      throw new Error(
        `report ${report}: the naive (raw) and rollup answers differ — a speed-up of different answers measures nothing.\n` +
          `  rollup: ${JSON.stringify(want)}\n  raw:    ${JSON.stringify(got)}`,
      );
    }
    agreed.push(`${report} ${JSON.stringify(want)}`);
    const naive = percentile(times, 50);
    const speedup = naive / rollupMedian.get(report)!;
    metrics.push({ metric: `report.${report}.naive_12m.p50_ms`, value: round(naive), unit: 'ms' });
    metrics.push({ metric: `report.${report}.speedup_vs_naive_x`, value: round(speedup, 1), unit: 'x', target: '>= 20' });
    table[report]!['naive 12m p50'] = round(naive, 1);
    table[report]!['speed-up x'] = round(speedup, 1);
  }
  for (const line of agreed) console.log(`  naive = rollup: ${line}`);

  // 3. Growth: the 12-month whole-company rollup on a 3-year database ÷ on the 1-year one, timed in
  // alternation (1y, 3y, 1y, 3y …) after the same warm-up, so both meet the same machine state (page
  // cache, the other suites' leftovers): timed one after the other, an order effect on 2 cores swung
  // the ratio from 0.9 to 1.9 between runs with equal data. p50, not p95, for the same reason.
  const year3Dir = join(ROOT, '.wrangler', 'year3');
  if (!existsSync(join(year3Dir, 'seed-report.json'))) {
    console.log('  → no 3-year database: building it (npm run seed:year -- --years 3 --out .wrangler/year3); this takes a few minutes');
    const res = spawnSync('npm', ['run', '-s', 'seed:year', '--', '--years', '3', '--out', '.wrangler/year3'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (res.status !== 0) throw new Error(`seed:year --years 3 failed with status ${res.status}`);
  }
  prepareLocalD1(year3Dir);
  const server3 = new LocalServer(year3Dir, YEAR3_PORT, now);
  await server3.start();
  try {
    const admin3: Who = { cookie: await server3.signIn(ADMIN, PASSWORD) };
    for (const report of REPORTS) {
      const one = reportUrl(server.base, report, '12m');
      const three = reportUrl(server3.base, report, '12m');
      for (let i = 0; i < ROLLUP_WARMUP * 2; i++) {
        await fetchReport(one, admin, 'rollup');
        await fetchReport(three, admin3, 'rollup');
      }
      const t1: number[] = [];
      const t3: number[] = [];
      for (let i = 0; i < ROLLUP_CALLS; i++) {
        let t = performance.now();
        await fetchReport(one, admin, 'rollup');
        t1.push(performance.now() - t);
        t = performance.now();
        await fetchReport(three, admin3, 'rollup');
        t3.push(performance.now() - t);
      }
      t1.sort((a, b) => a - b);
      t3.sort((a, b) => a - b);
      const p50One = percentile(t1, 50);
      const p50 = percentile(t3, 50);
      const growth = p50 / p50One;
      metrics.push({ metric: `report.${report}.company_12m_1y_paired.p50_ms`, value: round(p50One), unit: 'ms' });
      metrics.push({ metric: `report.${report}.company_12m_3y.p50_ms`, value: round(p50), unit: 'ms' });
      metrics.push({ metric: `report.${report}.growth_3y_vs_1y_x`, value: round(growth, 2), unit: 'x', target: '<= 1.2' });
      table[report]!['3y 12m p50'] = round(p50, 1);
      table[report]!['growth x'] = round(growth, 2);
    }
  } finally {
    await server3.stop();
  }
  console.table(table);
  return metrics;
}
