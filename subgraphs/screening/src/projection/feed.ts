/**
 * Bulk reads for the projection: the citizens of the municipality in batches, with the case,
 * benefit and intervention records screening decides on. Embedded mode reads the synthetic
 * dataset directly by index; over HTTP, the roster of CPRs (here the dataset's) is read from
 * the three index sources in batches, one call per source per batch.
 */
import type { Dataset } from '@hoi/dataset';
import { copenhagenDate } from '@hoi/domain';
import type { CitizenSource } from '@hoi/sources';
import { screeningFacts, type CitizenRecords } from '../eligibility.js';
import { SnapshotBuilder, type Snapshot } from './ScreeningProjection.js';

/** One citizen as a bulk read returns it. */
export interface FeedCitizen {
  readonly cpr: string;
  readonly records: CitizenRecords;
}

/** A bulk source of citizens, read in position ranges. */
export interface ScreeningFeed {
  /** Citizens in the roster. */
  readonly size: number;
  /** The citizens at roster positions [from, to). */
  read(from: number, to: number): Promise<readonly FeedCitizen[]>;
}

/** The embedded dataset, read by index (no CPR lookups). */
export function createDatasetFeed(dataset: Dataset): ScreeningFeed {
  return {
    size: dataset.size,
    async read(from, to) {
      const citizens: FeedCitizen[] = [];
      for (let i = from; i < to; i++) {
        const c = dataset.at(i);
        citizens.push({ cpr: c.cpr, records: c });
      }
      return citizens;
    },
  };
}

/** A roster of CPRs read through a source (e.g. the three HTTP index sources). */
export function createSourceFeed(
  roster: { readonly size: number; cprAt(index: number): string },
  source: CitizenSource<CitizenRecords>,
): ScreeningFeed {
  return {
    size: roster.size,
    async read(from, to) {
      const cprs: string[] = [];
      for (let i = from; i < to; i++) cprs.push(roster.cprAt(i));
      const records = await source.fetchMany(cprs);
      return cprs.map((cpr, i) => ({ cpr, records: records[i] as CitizenRecords }));
    },
  };
}

/** Options of {@link buildSnapshot}. */
export interface BuildOptions {
  /** The instant the read starts; facts are evaluated for its Copenhagen day. */
  readonly now: Date;
  /**
   * Citizens per read. Between batches the build yields to the event loop, so a subgraph
   * building a million citizens keeps answering (health, cpr-knap) meanwhile. @default 500
   */
  readonly batchSize?: number;
  /** Called after every batch. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops the build (it rejects) when aborted, e.g. on shutdown. */
  readonly signal?: AbortSignal;
}

/** Reads the whole feed into a snapshot. */
export async function buildSnapshot(feed: ScreeningFeed, options: BuildOptions): Promise<Snapshot> {
  const factsDate = copenhagenDate(options.now);
  const builder = new SnapshotBuilder(options.now, factsDate);
  const batch = options.batchSize ?? 500;
  for (let from = 0; from < feed.size; from += batch) {
    options.signal?.throwIfAborted();
    const to = Math.min(feed.size, from + batch);
    for (const c of await feed.read(from, to))
      builder.add(c.cpr, screeningFacts(c.records, factsDate));
    options.onProgress?.(to, feed.size);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return builder.finish();
}
