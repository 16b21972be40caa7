/**
 * Bulk reads for the projection: every citizen of the municipality with the facts screening
 * decides on. Embedded mode reads the synthetic dataset directly by index, in batches; over
 * HTTP the three index sources' exports are streamed and joined (exportFeed.ts).
 */
import type { Dataset } from '@hoi/dataset';
import { copenhagenDate } from '@hoi/domain';
import { screeningFacts } from '../eligibility.js';
import { SnapshotBuilder, type Snapshot } from './ScreeningProjection.js';

/** Options of one read of a feed. */
export interface FeedReadOptions {
  /** The day (ISO, Europe/Copenhagen) facts are evaluated for. */
  readonly factsDate: string;
  /** Citizens per batch, where the feed reads in batches. @default 500 */
  readonly batchSize?: number;
  /** Called as citizens are read (`total` when the feed knows it). */
  readonly onProgress?: (done: number, total?: number) => void;
  /** Stops the read (it rejects) when aborted, e.g. on shutdown. */
  readonly signal?: AbortSignal;
}

/** A bulk source of every citizen's screening facts. */
export interface ScreeningFeed {
  /** Reads every citizen into `builder`: once each, with facts as of `options.factsDate`. */
  readInto(builder: SnapshotBuilder, options: FeedReadOptions): Promise<void>;
}

/** The embedded dataset, read by index (no CPR lookups). */
export function createDatasetFeed(dataset: Dataset): ScreeningFeed {
  return {
    async readInto(builder, options) {
      const batch = options.batchSize ?? 500;
      for (let from = 0; from < dataset.size; from += batch) {
        options.signal?.throwIfAborted();
        const to = Math.min(dataset.size, from + batch);
        for (let i = from; i < to; i++) {
          const c = dataset.at(i);
          builder.add(c.cpr, screeningFacts(c, options.factsDate));
        }
        options.onProgress?.(to, dataset.size);
        // Between batches the build yields to the event loop, so a subgraph building a
        // million citizens keeps answering (health, cpr-knap) meanwhile.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
}

/** Options of {@link buildSnapshot}. */
export interface BuildOptions extends Omit<FeedReadOptions, 'factsDate'> {
  /** The instant the read starts; facts are evaluated for its Copenhagen day. */
  readonly now: Date;
}

/** Reads the whole feed into a snapshot. */
export async function buildSnapshot(feed: ScreeningFeed, options: BuildOptions): Promise<Snapshot> {
  const factsDate = copenhagenDate(options.now);
  const builder = new SnapshotBuilder(options.now, factsDate);
  await feed.readInto(builder, { ...options, factsDate });
  return builder.finish();
}
