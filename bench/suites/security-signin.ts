import { randomUUID } from 'node:crypto';
import type { BenchContext } from '../run';
import { percentile, round, timeCalls, type Metric } from '../lib/measure';

/** Guessing past the first 429 would only measure the throttle's own answer over and over. */
const MAX_GUESSES = 50;

/**
 * Password guessing against the running worker: how many wrong passwords one account takes before
 * the throttle answers 429, and what a refused attempt costs with and without the password check
 * (a throttled one must not run PBKDF2, so a flood cannot slow everyone down). Each run guesses at
 * a made-up e-mail from made-up addresses (TEST-NET), so the year database's users and the other
 * suites' sign-ins from 127.0.0.1 are never throttled, and a rerun on the same database starts clean.
 */
export async function run({ server }: BenchContext): Promise<Metric[]> {
  const runId = randomUUID().slice(0, 8);
  const attempt = (email: string, address: string) =>
    fetch(`${server.base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': address },
      body: JSON.stringify({ email, password: 'wrong-password' }),
    });

  const target = `bench-${runId}@guess.example`;
  let throttleAfter = 0;
  for (; throttleAfter < MAX_GUESSES; throttleAfter++) {
    const res = await attempt(target, `198.51.100.${1 + (throttleAfter % 200)}`);
    await res.arrayBuffer();
    if (res.status === 429) break;
    if (res.status !== 401) throw new Error(`a wrong password answered ${res.status}`);
  }

  // A different e-mail and address every time: each answer is a full password check (401).
  const checked = await timeCalls(
    20,
    async (i) => {
      const res = await attempt(`bench-${runId}-${i}@guess.example`, `203.0.113.${1 + (i % 250)}`);
      if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
      await res.arrayBuffer();
    },
    3,
  );
  // The throttled account again: answered before any password check (429).
  const throttled = await timeCalls(
    20,
    async () => {
      const res = await attempt(target, '192.0.2.1');
      if (res.status !== 429) throw new Error(`expected 429, got ${res.status}`);
      await res.arrayBuffer();
    },
    3,
  );

  return [
    { metric: 'security.signin_throttle_after', value: throttleAfter, unit: 'count', target: '<= 5' },
    { metric: 'security.signin_refused_p50_ms', value: round(percentile(checked, 50)), unit: 'ms' },
    { metric: 'security.signin_throttled_p50_ms', value: round(percentile(throttled, 50)), unit: 'ms' },
    // What a flooded attempt costs against a checked one: well under the PBKDF2's share.
    {
      metric: 'security.signin_throttled_cost_x',
      value: round(percentile(throttled, 50) / percentile(checked, 50)),
      unit: 'x',
      target: '<= 0.5',
    },
  ];
}
