/**
 * Kopeck arithmetic for pay: bigint inside, safe integers at the edges, one rounding rule.
 * A product like basis × basis points overflows 2^53 long before the sums themselves do.
 */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A safe integer in, a bigint out; anything else is a caller's bug, so it throws. */
export function kopecksBig(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what}: ожидается целое число копеек, получено ${value} / ${what}: expected whole kopecks, got ${value}`);
  }
  return BigInt(value);
}

/** Back to a number, refusing what a number cannot hold exactly. */
export function kopecksSafe(value: bigint, what: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) {
    throw new RangeError(`${what}: ${value} коп. не помещается в точное целое / ${what}: ${value} kopecks exceeds the safe integer range`);
  }
  return Number(value);
}

/**
 * a × b / d to the nearest integer, half away from zero — the arithmetic rounding of Russian
 * payroll (1C:ЗУП's ОКР(x, 2)): 0.5 → 1 and −0.5 → −1. d must be positive.
 */
export function mulDivRound(a: bigint, b: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('mulDivRound: divisor must be positive');
  const n = a * b;
  const q = n / d; // bigint division truncates toward zero; the remainder keeps n's sign
  const r = n % d;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** ⌊a / d⌋ toward −∞, for plan completion, which must never be rounded up into a tier. */
export function floorDiv(a: bigint, d: bigint): bigint {
  const q = a / d;
  return a % d !== 0n && a < 0n !== d < 0n ? q - 1n : q;
}

/** ⌈a / d⌉ for positive d: the smallest basis that reaches a tier. */
export function ceilDiv(a: bigint, d: bigint): bigint {
  return -floorDiv(-a, d);
}

/** A share in basis points (150 = 1.50 %) of an amount, rounded once, half away from zero. */
export function applyBasisPoints(kopecks: number, basisPoints: number): number {
  const result = mulDivRound(kopecksBig(kopecks, 'amount'), kopecksBig(basisPoints, 'basis points'), 10_000n);
  return kopecksSafe(result, 'amount × basis points');
}

/** An integer count of hundredths as "1234567,89": no grouping, decimal comma, hyphen-minus. */
function hundredths(value: bigint): string {
  const abs = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${abs / 100n},${String(abs % 100n).padStart(2, '0')}`;
}

/** 1234567.89 ₽ as "1234567,89" — what 1C and Russian Excel read as a number. */
export function kopecksDecimalComma(kopecks: number): string {
  return hundredths(kopecksBig(kopecks, 'amount'));
}

/** Basis points as a Russian percentage: 9999 → "99,99 %" (a no-break space before the sign). */
export function formatBasisPointsRu(basisPoints: number): string {
  return `${hundredths(kopecksBig(basisPoints, 'basis points'))}\u00A0%`;
}

/**
 * Roubles as people type them — "1 500 000,50", "1500000.5", "1 500 000 ₽", "2 000 000 руб." — to
 * kopecks, from the digits (never through a float). Null when it is not an amount ≥ 0.
 */
export function parseRublesToKopecks(input: string | number): number | null {
  const text = String(input)
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(₽|руб\.?|р\.?)$/i, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const kopecks = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '0').padEnd(2, '0'));
  return kopecks <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(kopecks) : null;
}
