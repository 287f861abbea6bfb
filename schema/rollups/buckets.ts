/**
 * Lower bounds (minutes) of the histogram buckets of time spent in a stage: human steps, each about
 * 1.3–1.5× the one before, from under a minute to over a year. Fixed forever once data is kept:
 * changing them needs a rebuild of `rollup_stays`.
 */
export const STAY_BUCKETS = [
  0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440, 2160, 2880, 4320, 5760, 7200, 10080, 14400, 20160,
  30240, 43200, 64800, 86400, 129600, 172800, 259200, 525600,
] as const;

/** The SQL that puts `minutes` into its bucket index (0 … STAY_BUCKETS.length − 1). */
export function bucketSql(minutes: string): string {
  const branches = STAY_BUCKETS.slice(1)
    .map((lower, i) => `WHEN ${minutes} < ${lower} THEN ${i}`)
    .join(' ');
  return `(CASE ${branches} ELSE ${STAY_BUCKETS.length - 1} END)`;
}

/** The bucket index of `minutes`, as bucketSql computes it. */
export function bucketOf(minutes: number): number {
  let i = 0;
  while (i + 1 < STAY_BUCKETS.length && minutes >= STAY_BUCKETS[i + 1]!) i++;
  return i;
}

/**
 * The p-th percentile (0 < p ≤ 100) of the values a histogram counts, in minutes: the nearest-rank
 * value's bucket, interpolated linearly inside it by the rank's position (the last, open bucket
 * answers its lower bound). Null for no values. Exact to the bucket; docs/reports.md.
 */
export function percentileMinutes(counts: readonly number[], p: number): number | null {
  const n = counts.reduce((s, c) => s + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (before + c >= rank) {
      const lower = STAY_BUCKETS[i]!;
      const upper = STAY_BUCKETS[i + 1];
      if (upper === undefined) return lower;
      return Math.round(lower + ((upper - lower) * (rank - before - 0.5)) / c);
    }
    before += c;
  }
  return STAY_BUCKETS[STAY_BUCKETS.length - 1]!;
}
