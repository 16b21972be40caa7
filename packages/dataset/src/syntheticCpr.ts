/**
 * A bijection between citizen index and synthetic CPR, so the embedded sources need no index
 * in memory (1,000,000 citizens start instantly) and any CPR is looked up in O(1).
 *
 * Every synthetic CPR is a replacement number (day + 60, domain.md §8), so it can never be a
 * real person's, and obeys the century rule. Index i = r·D + q: q picks the birth date through
 * a multiplicative permutation of the D dates, r the serial within that date.
 */
import { birthYear } from '@hoi/domain';

const FIRST_BIRTH_DAY = Date.UTC(1948, 0, 1) / 86_400_000;
const LAST_BIRTH_DAY = Date.UTC(2010, 11, 31) / 86_400_000;
const DATE_COUNT = LAST_BIRTH_DAY - FIRST_BIRTH_DAY + 1;
const SERIAL_STEP = 337; // coprime with 1000

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function modInverse(a: number, m: number): number {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

const mod = (a: number, m: number): number => ((a % m) + m) % m;

/** Century digits that put a two-digit year in the given full year (the century rule). */
function centuryDigitsFor(year: number): number[] {
  const yy = year % 100;
  return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => birthYear(yy, d) === year);
}

/** Maps citizen indexes to synthetic CPRs (`DDMMYY-SSSS`) and back. */
export interface SyntheticCprCodec {
  /** Largest number of citizens the codec can address. */
  readonly capacity: number;
  cprAt(index: number): string;
  /** The index of a CPR (either input form), or -1 when it is not one of this codec's. */
  indexOf(cpr: string): number;
}

/** A codec for `citizens` indexes under `seed`. */
export function createSyntheticCprCodec(seed: number, citizens: number): SyntheticCprCodec {
  const capacity = DATE_COUNT * 1000;
  if (citizens > capacity) throw new RangeError(`at most ${capacity} synthetic citizens`);
  const primes = [104_729, 7919, 7907, 7901, 6007];
  const step = primes.find((p) => gcd(p, DATE_COUNT) === 1) as number;
  const stepInverse = modInverse(step, DATE_COUNT);
  const serialInverse = modInverse(SERIAL_STEP, 1000);
  const offset = seed % DATE_COUNT;
  const serialSalt = (q: number): number => (q * 7919 + seed * 31) % 1000;
  const centuryDigit = (q: number, r: number, year: number): number => {
    const digits = centuryDigitsFor(year);
    return digits[(q + r * 7 + seed) % digits.length] as number;
  };

  const cprAt = (index: number): string => {
    const q = index % DATE_COUNT;
    const r = Math.floor(index / DATE_COUNT);
    const day = FIRST_BIRTH_DAY + mod(q * step + offset, DATE_COUNT);
    const date = new Date(day * 86_400_000);
    const year = date.getUTCFullYear();
    const dd = String(date.getUTCDate() + 60);
    const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
    const yy = String(year % 100).padStart(2, '0');
    const serial = (r * SERIAL_STEP + serialSalt(q)) % 1000;
    return `${dd}${mm}${yy}-${centuryDigit(q, r, year)}${String(serial).padStart(3, '0')}`;
  };

  const indexOf = (cpr: string): number => {
    const m = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/.exec(cpr);
    if (!m) return -1;
    const dd = Number(m[1]) - 60;
    const month = Number(m[2]);
    const year = birthYear(Number(m[3]), Number(m[4]));
    if (dd < 1 || dd > 31 || month < 1 || month > 12) return -1;
    const day = Date.UTC(year, month - 1, dd) / 86_400_000;
    if (new Date(day * 86_400_000).getUTCDate() !== dd) return -1;
    const k = day - FIRST_BIRTH_DAY;
    if (k < 0 || k >= DATE_COUNT) return -1;
    const q = mod((k - offset) * stepInverse, DATE_COUNT);
    const r = mod((Number(m[5]) - serialSalt(q)) * serialInverse, 1000);
    const index = r * DATE_COUNT + q;
    if (index >= citizens) return -1;
    return cprAt(index) === `${m[1]}${m[2]}${m[3]}-${m[4]}${m[5]}` ? index : -1;
  };

  return { capacity, cprAt, indexOf };
}
