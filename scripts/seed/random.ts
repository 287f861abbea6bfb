/** Seeded PRNG (sfc32, seeded through splitmix32) and the few draws the seed generators need. */

/** Mixes integers (any size up to 2^53) into one 32-bit seed, so each day/lead gets its own stream. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    const lo = part >>> 0;
    const hi = Math.floor(part / 4294967296) >>> 0;
    h = fmix32(h ^ lo);
    h = fmix32((h + 0x85ebca6b) ^ hi);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a cheap bijective scramble of 32 bits. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      return fmix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of `items`, each with its relative weight; for hot loops build a `weightedPicker` once. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    return weightedPicker(items)(this);
  }

  /** Poisson count with mean `lambda` (Knuth; fine for the small means used here). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Random hex digits, for GUID-like keys. */
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += this.uint32().toString(16).padStart(8, '0');
    return s.slice(0, length);
  }
}

/** Precomputes cumulative weights so a weighted draw is one random number and a short scan. */
export function weightedPicker<T>(items: readonly (readonly [T, number])[]): (rng: Random) => T {
  const values = items.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of items) {
    total += weight;
    cumulative.push(total);
  }
  if (values.length === 0 || total <= 0) throw new Error('weighted pick needs positive weights');
  return (rng) => {
    const x = rng.next() * total;
    for (let i = 0; i < cumulative.length; i++) if (x < (cumulative[i] as number)) return values[i] as T;
    return values[values.length - 1] as T;
  };
}
