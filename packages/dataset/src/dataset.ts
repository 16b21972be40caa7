/**
 * The synthetic dataset: deterministic from a seed and a citizen count (DESIGN §5). Nothing is
 * held in memory per citizen; a citizen is generated on demand from its index, and CPRs map to
 * indexes by a bijection (syntheticCpr.ts).
 */
import { areasWithData, generateCitizen } from './generateCitizen.js';
import type { CitizenRecord, SectorArea } from '@hoi/domain';
import { createSyntheticCprCodec } from './syntheticCpr.js';

/** How a dataset is generated. */
export interface DatasetOptions {
  /** @default 1 */
  readonly seed: number;
  /** @default 10000 */
  readonly citizens: number;
  /** ISO date all generated dates are relative to. @default today (UTC) */
  readonly referenceDate: string;
}

/** A generated dataset. */
export interface Dataset {
  readonly options: DatasetOptions;
  readonly size: number;
  /** The CPR (`DDMMYY-SSSS`) of the citizen at an index. */
  cprAt(index: number): string;
  /** The citizen with this CPR (either input form), or null when not in the dataset. */
  byCpr(cpr: string): CitizenRecord | null;
  /** The citizen at an index (0 ≤ index < size). */
  at(index: number): CitizenRecord;
}

/** Today as an ISO date (UTC). */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Creates the dataset; O(1), whatever the size. */
export function createDataset(options: Partial<DatasetOptions> = {}): Dataset {
  const full: DatasetOptions = {
    seed: options.seed ?? 1,
    citizens: options.citizens ?? 10_000,
    referenceDate: options.referenceDate ?? todayIso(),
  };
  const codec = createSyntheticCprCodec(full.seed, full.citizens);
  const ctx = { seed: full.seed, referenceDate: full.referenceDate };
  const at = (index: number): CitizenRecord => generateCitizen(ctx, index, codec.cprAt(index));
  return {
    options: Object.freeze(full),
    size: full.citizens,
    cprAt: codec.cprAt,
    at,
    byCpr: (cpr) => {
      const index = codec.indexOf(cpr);
      return index < 0 ? null : at(index);
    },
  };
}

/** One line of `dataset:sample`. */
export interface SampleCitizen {
  readonly cpr: string;
  readonly areas: SectorArea[];
}

/**
 * The first `n` citizens ordered by number of areas with data (most first); among equals,
 * those with a consent history first (so a demo shows all five subgraphs), then by index.
 * Stops scanning early once `n` citizens with data in all six areas and a consent are found.
 */
export function sampleCitizens(
  dataset: Dataset,
  n: number,
  onProgress?: (done: number, total: number) => void,
): SampleCitizen[] {
  const buckets: SampleCitizen[][] = Array.from({ length: 14 }, () => []);
  for (let i = 0; i < dataset.size; i++) {
    const c = dataset.at(i);
    const areas = areasWithData(c);
    const bucket = buckets[areas.length * 2 + (c.consents.length > 0 ? 1 : 0)] as SampleCitizen[];
    if (bucket.length < n) bucket.push({ cpr: c.cpr, areas });
    if ((buckets[13] as SampleCitizen[]).length >= n) break;
    if (onProgress && i % 100_000 === 99_999) onProgress(i + 1, dataset.size);
  }
  return buckets.reverse().flat().slice(0, n);
}
