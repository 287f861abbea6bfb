/**
 * `npm run bench`: figures over the `seed:year` database through HTTP (wrangler dev, local D1),
 * printed as a table and written to bench/results.json. Later issues add their metrics as files
 * in bench/suites/ exporting `run(ctx)`; this runner knows nothing about what they measure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareLocalD1 } from '../scripts/lib/local-d1';
import { meets, type Metric } from './lib/measure';
import { LocalServer, ROOT } from './lib/server';

export interface BenchContext {
  server: LocalServer;
  yearDir: string;
  /** What `npm run seed:year` wrote: row counts, seconds (load) and totalSeconds (with migrations). */
  seedReport: { totalSeconds?: number; counts?: Record<string, number>; end?: string } & Record<string, unknown>;
  /** The bench's "now" (epoch ms): the moment the seeded history ends; the worker runs with the same clock. */
  now: number;
}

/** seed:year's default end, for a database written before the report recorded its end. */
const SEED_YEAR_DEFAULT_END = '2026-11-30';

async function main() {
  const yearDir = process.env.BENCH_DB_DIR || join(ROOT, '.wrangler', 'year');
  const reportPath = join(yearDir, 'seed-report.json');
  if (!existsSync(reportPath)) {
    console.log('→ Нет базы seed:year — строю её (npm run seed:year) / building the year database first');
    const res = spawnSync('npm', ['run', '-s', 'seed:year'], { cwd: ROOT, stdio: 'inherit' });
    if (res.status !== 0) process.exit(res.status ?? 1);
  }
  const seedReport = JSON.parse(readFileSync(reportPath, 'utf8'));
  // A year database built before the latest migrations gets them, as production would.
  prepareLocalD1(yearDir);
  const now = Date.parse(`${seedReport.end ?? SEED_YEAR_DEFAULT_END}T00:00:00Z`);
  const server = new LocalServer(yearDir, Number(process.env.BENCH_PORT || 8788), now);
  await server.start();
  const metrics: Metric[] = [];
  try {
    const suitesDir = join(__dirname, 'suites');
    // BENCH_ONLY=clients,import runs a subset; results.json then holds only those metrics.
    const only = process.env.BENCH_ONLY?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const file of readdirSync(suitesDir)
      .filter((f) => f.endsWith('.ts') && (!only || only.includes(f.slice(0, -3))))
      .sort()) {
      const suite = (await import(join(suitesDir, file))) as { run: (ctx: BenchContext) => Promise<Metric[]> };
      console.log(`→ ${file}`);
      metrics.push(...(await suite.run({ server, yearDir, seedReport, now })));
    }
  } finally {
    await server.stop();
  }
  const rows = metrics.map((m) => {
    const ok = meets(m.value, m.target);
    return { metric: m.metric, value: m.value, unit: m.unit, target: m.target ?? '', status: ok === null ? '' : ok ? 'ok' : 'MISSED' };
  });
  console.table(rows);
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(metrics, null, 2) + '\n');
  console.log(`bench/results.json: ${metrics.length} metrics`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
