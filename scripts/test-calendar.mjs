#!/usr/bin/env node
// `npm run test:calendar`: the date-sensitive suites again, with the suite's clock at awkward moments
// and the process in Asia/Vladivostok (UTC+10, a day ahead of Moscow around midnight), so a test
// that passes only on some dates, or only in Moscow's zone, fails here. CI runs it after `npm test`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureChromium, run } from './lib/ensure.mjs';
import { readJestReport, slowestSuites } from './lib/jest-report.mjs';

/** The moments (tests/helpers/clock.ts reads VORONKA_TEST_NOW): a year turning over in Moscow, and a leap day's evening. */
export const MOMENTS = [
  { name: 'новогодняя ночь / New Year’s Eve', now: '2026-12-31T23:59:30+03:00' },
  { name: 'последний день февраля / last day of February', now: '2028-02-29T22:30:00+03:00' },
];
const TIME_ZONE = 'Asia/Vladivostok';

/** Reports, rollups, pay, funnel deadlines, widgets and deviations; every unit suite (they are quick and zone-sensitive). */
export const DATE_SENSITIVE = [
  'tests/unit/',
  'tests/integration/reports.test.ts',
  'tests/integration/reports-rollups.test.ts',
  'tests/integration/pay.test.ts',
  'tests/integration/funnel.test.ts',
  'tests/integration/funnel-rules.test.ts',
  'tests/integration/widgets-api.test.ts',
  'tests/integration/client-pages.test.ts',
  'tests/integration/client-merge-ownership.test.ts',
  'tests/integration/onec-funnel.test.ts',
  'tests/e2e/widgets-kpi.test.ts',
  'tests/e2e/reports-pages.test.ts',
  'tests/e2e/pay-pages.test.ts',
];

const chrome = ensureChromium();
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
let passed = 0;
let failed = 0;
for (const [i, moment] of MOMENTS.entries()) {
  const report = join(ROOT, '.tmp', `jest-calendar-${i}.json`);
  const suites = DATE_SENSITIVE.filter((s) => chrome || !s.startsWith('tests/e2e/'));
  console.log(`\n→ ${moment.name}: VORONKA_TEST_NOW=${moment.now}, TZ=${TIME_ZONE}`);
  run(`npx jest ${suites.join(' ')} --json --outputFile=${report}`, {
    env: { VORONKA_TEST_NOW: moment.now, TZ: TIME_ZONE, ...(chrome ? { CHROME_PATH: chrome } : {}) },
  });
  const result = readJestReport(report);
  console.log(`${moment.now}: ${result.passed} passed, ${result.failed} failed; slowest:\n${slowestSuites(result.suites, 3).join('\n')}`);
  passed += result.passed;
  failed += result.failed;
}
if (!chrome) {
  failed++;
  console.log('Chromium missing: the end-to-end pages were not tried at these moments');
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
