/**
 * A small seeded pseudo-random generator (sfc32, seeded through cyrb128). The generator never uses
 * Math.random: the same seed gives byte-identical data on every machine and Node version.
 */

/** Hashes a text to four 32-bit words (cyrb128), the state of a new sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` names the stream; `fork` derives independent streams from it by label. */
  constructor(readonly seed: string) {
    const [a, b, c, d] = cyrb128(seed);
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // Warm up: the first outputs of sfc32 are correlated with the seed words.
    for (let i = 0; i < 15; i++) this.next();
  }

  /**
   * An independent stream for one part of the generation. Derived from the seed and the label, not
   * from this stream's position, so adding draws in one part never changes the data of another.
   */
  fork(label: string | number): Random {
    return new Random(`${this.seed}/${label}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of `items`, each with a chance proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const weight of weights) total += weight;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** One key of a weight table, e.g. `{ PW: 93, IOAW: 6, IOAZ: 1 }`. */
  weightedKey<K extends string>(table: Readonly<Record<K, number>>): K {
    const keys = Object.keys(table) as K[];
    return this.weighted(
      keys,
      keys.map((key) => table[key]),
    );
  }

  /** Normal distribution (Box-Muller); one draw per call keeps the stream simple to reason about. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median; `sigma` is the spread of the logarithm. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Shuffles in place (Fisher-Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = items[i] as T;
      items[i] = items[j] as T;
      items[j] = swap;
    }
    return items;
  }
}

/**
 * Splits an integer total into integer parts proportional to `weights` (largest remainder), so that
 * the parts always add up to the total exactly. A negative total gives non-positive parts.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total)) throw new Error(`allocate needs an integer total, got ${total}`);
  if (total < 0) return allocate(-total, weights).map((part) => -part);
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (weights.length === 0 || sum <= 0) {
    if (total === 0) return weights.map(() => 0);
    throw new Error('allocate needs at least one positive weight');
  }
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map((value) => Math.floor(value));
  let rest = total - parts.reduce((acc, part) => acc + part, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  for (let i = 0; rest > 0; i = (i + 1) % order.length, rest--) {
    const slot = order[i];
    if (slot) parts[slot.index] = (parts[slot.index] ?? 0) + 1;
  }
  return parts;
}

/**
 * Orders items so that every kind is spread evenly along the order: the k-th of the n items of a kind
 * sits at (k + 0.5) / n, equal positions in the order given. Cut into consecutive chunks, each chunk
 * gets its share of every kind, give or take one. The statistics publish breakdowns per quarter and
 * hide a category that is small in any quarter, so a kind with enough items for every quarter must
 * not miss one by chance.
 */
export function interleave<T>(items: readonly T[], kindOf: (item: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(kindOf(item), (counts.get(kindOf(item)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return items
    .map((item, index) => {
      const kind = kindOf(item);
      const k = seen.get(kind) ?? 0;
      seen.set(kind, k + 1);
      return { item, index, position: (k + 0.5) / (counts.get(kind) ?? 1) };
    })
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map(({ item }) => item);
}
