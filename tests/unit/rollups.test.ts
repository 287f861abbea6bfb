import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAY_BUCKETS, bucketOf, percentileMinutes } from '../../schema/rollups/buckets';
import { rollupMigrationTail } from '../../schema/rollups';

describe('stay histogram', () => {
  test('buckets by lower bound, the last one open', () => {
    expect([0, 0.5, 1, 2, 59, 60, 89, 90, 1439, 1440, 600_000].map(bucketOf)).toEqual([
      0,
      0,
      1,
      2,
      10,
      11,
      11,
      12,
      19,
      20,
      STAY_BUCKETS.length - 1,
    ]);
  });

  test('percentiles: nearest rank, interpolated inside its bucket', () => {
    const counts = new Array(STAY_BUCKETS.length).fill(0);
    // Three stays of 1–2 h (bucket [60, 90) twice and [90, 120) once) and one of a day.
    counts[bucketOf(70)] = 2;
    counts[bucketOf(100)] = 1;
    counts[bucketOf(1500)] = 1;
    // Median: rank 2 of 4 → the second value in [60, 90): 60 + 30 × (2 − 0 − 0.5) / 2 = 82.5 → 83.
    expect(percentileMinutes(counts, 50)).toBe(83);
    // p90: rank 4 → the one value in [1440, 2160): 1440 + 720 × 0.5 = 1800.
    expect(percentileMinutes(counts, 90)).toBe(1800);
    expect(percentileMinutes(new Array(STAY_BUCKETS.length).fill(0), 50)).toBeNull();
    const open = new Array(STAY_BUCKETS.length).fill(0);
    open[STAY_BUCKETS.length - 1] = 3;
    expect(percentileMinutes(open, 50)).toBe(525_600);
  });
});

describe.each([
  ['0010', '0010_reports.sql'],
  ['0011', '0011_report_weeks.sql'],
] as const)('migration %s', (migration, fileName) => {
  test('holds exactly the triggers and first fill the rollup definitions generate', () => {
    const file = readFileSync(join(__dirname, '..', '..', 'schema', 'migrations', fileName), 'utf8');
    const statements = file.split('--> statement-breakpoint').map((s) => s.trim().replace(/;$/, ''));
    for (const expected of rollupMigrationTail(migration)) expect(statements).toContain(expected.replace(/;$/, ''));
  });
});
