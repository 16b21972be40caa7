/**
 * A small seeded PRNG (sfc32, 128-bit state). Each citizen gets its own stream derived from
 * (seed, citizen index), so any citizen can be generated alone, in any order, in O(1).
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** k distinct elements (k clamped to the list length), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * sfc32 as a class: methods live on the prototype, so creating a stream per citizen allocates
 * no closures (the generator's hot path creates one per citizen).
 */
class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, index: number, salt: number) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(index + 0x6a09e667);
    this.c = mix32((seed + Math.imul(index, 0x85ebca6b)) ^ salt);
    this.d = mix32(salt + 0xbb67ae85);
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }
}

/** A stream for (seed, index, salt); distinct inputs give practically independent streams. */
export function createRandom(seed: number, index: number, salt = 0): Random {
  return new Sfc32(seed, index, salt);
}

/** A 32-bit hash of a string seed, so `--seed demo` works as well as `--seed 42`. */
export function seedFrom(value: string | number): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value >>> 0;
  let h = 2166136261;
  for (const ch of String(value)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
