import { randomInt } from 'node:crypto';
import { Random } from '../../scripts/seed/random';

/**
 * Heavy sweeps (thousands of generated bad inputs) stay in `npm test` as a seeded random subset,
 * so a run fits its time budget yet every run tries other cases. The seed is printed with the
 * line that reproduces it; `VORONKA_FULL_SWEEPS=1` runs every case (CI can turn it on).
 */
export const FULL_SWEEPS = process.env.VORONKA_FULL_SWEEPS === '1';

export interface SweepPlan {
  indexes: number[];
  seed: number;
  full: boolean;
}

/** Which of `total` case indexes (0-based, ascending) a sweep runs: all of them, or `sample` drawn with the printed seed. */
export function sweepPlan(name: string, total: number, sample: number): SweepPlan {
  if (FULL_SWEEPS || sample >= total) {
    console.log(`sweep «${name}»: all ${total} cases (VORONKA_FULL_SWEEPS=1)`);
    return { indexes: Array.from({ length: total }, (_, i) => i), seed: 0, full: true };
  }
  const seed = process.env.VORONKA_SWEEP_SEED ? Number(process.env.VORONKA_SWEEP_SEED) : randomInt(1, 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`VORONKA_SWEEP_SEED must be an integer, got "${process.env.VORONKA_SWEEP_SEED}"`);
  const r = new Random(seed);
  const pool = Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < sample; i++) {
    // partial Fisher–Yates: the first `sample` places are a uniform draw
    const j = i + r.int(0, total - 1 - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const indexes = pool.slice(0, sample).sort((a, b) => a - b);
  console.log(
    `sweep «${name}»: ${sample} of ${total} cases, seed ${seed} (VORONKA_SWEEP_SEED=${seed} repeats this draw, VORONKA_FULL_SWEEPS=1 runs all)`,
  );
  return { indexes, seed, full: false };
}
