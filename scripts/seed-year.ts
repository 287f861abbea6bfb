/**
 * `npm run seed:year [-- --years N --seed S --out DIR --end YYYY-MM-DD]`: a fresh local D1 with a
 * year (or N) of product.md's full-scale history, readable by `wrangler dev --persist-to DIR`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join, parse, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareLocalD1, REPO_ROOT } from './lib/local-d1';
import { hashPasswordSync } from './lib/password';
import { DEFAULT_SEED, seedDatabase } from './seed/generate';

function fail(message: string): never {
  console.error(`seed:year: ${message}`);
  process.exit(2);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      years: { type: 'string', default: '1' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string', default: '.wrangler/year' },
      end: { type: 'string', default: '2026-11-30' },
    },
    strict: true,
  });
  const years = Number(values.years);
  if (!Number.isFinite(years) || years <= 0) fail(`--years must be a positive number, got "${values.years}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed must be an integer, got "${values.seed}"`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.end)) fail(`--end must be YYYY-MM-DD, got "${values.end}"`);
  const endDate = new Date(`${values.end}T00:00:00Z`);
  if (Number.isNaN(endDate.getTime())) fail(`--end is not a date: "${values.end}"`);
  const out = resolve(REPO_ROOT, values.out);
  // The folder is deleted first: never let that be the repository or one of its parents.
  if (REPO_ROOT === out || REPO_ROOT.startsWith(out + sep) || out === parse(out).root) fail(`refusing to delete ${out}`);

  const started = performance.now();
  rmSync(out, { recursive: true, force: true });
  console.log(`seed:year: applying migrations into ${out}`);
  const file = prepareLocalD1(out);
  console.log(`seed:year: seeding ${file} (${years} year(s), seed ${seed}, history ends ${values.end})`);
  const report = seedDatabase(file, {
    scale: 'year',
    seed,
    endDate,
    years,
    passwordHash: (password) => hashPasswordSync(password),
    log: (message) => console.log(`  ${message}`),
  });
  const total = Math.round((performance.now() - started) / 100) / 10;
  const summary = { ...report, years, end: values.end, database: file, totalSeconds: total };
  writeFileSync(join(out, 'seed-report.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const width = Math.max(...Object.keys(report.counts).map((t) => t.length));
  for (const [table, count] of Object.entries(report.counts))
    console.log(`${table.padEnd(width)}  ${count.toLocaleString('en-US').padStart(11)}`);
  console.log(`seeded in ${report.seconds} s (${total} s with migrations); report: ${join(out, 'seed-report.json')}`);
}

main();
