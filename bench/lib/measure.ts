export interface Metric {
  metric: string;
  value: number;
  unit: 'ms' | 's' | 'x' | 'events/s' | 'rows/s' | 'KB' | 'count';
  target?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)]!;
}

/** Times `n` sequential calls after `warmup` untimed ones; returns sorted durations in ms. */
export async function timeCalls(n: number, call: (i: number) => Promise<void>, warmup = 10): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await call(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * GET that fails loudly: a benchmark of error answers would measure nothing. A connection the local
 * server closed before the answer (ECONNRESET, "other side closed" — seen on the naive 12-month report
 * while CI ran beside the bench) is tried again, twice at most, and said.
 */
export async function getOk(url: string, headers: Record<string, string>): Promise<unknown> {
  let res: Response | undefined;
  for (let attempt = 1; !res; attempt++) {
    try {
      res = await fetch(url, { headers });
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code ?? '';
      if (attempt > 2 || !['ECONNRESET', 'UND_ERR_SOCKET'].includes(code)) throw err;
      console.log(`  (connection closed before an answer, ${code}; asked again: ${url})`);
    }
  }
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

export function meets(value: number, target: string | undefined): boolean | null {
  if (!target) return null;
  const m = /^(<=|>=)\s*([\d.]+)$/.exec(target.trim());
  if (!m) return null;
  return m[1] === '<=' ? value <= Number(m[2]) : value >= Number(m[2]);
}
