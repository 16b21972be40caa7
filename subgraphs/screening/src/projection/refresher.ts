/**
 * Keeps the projection fresh: the first bulk read at start (in the background; `/ready` is
 * false until it is in), then one every `intervalMs`. A refresh builds a new snapshot while
 * the old one keeps serving, then swaps it in; reads never overlap.
 */
import type { Logger } from '@hoi/platform';
import { buildSnapshot, type ScreeningFeed } from './feed.js';
import type { ScreeningProjection } from './ScreeningProjection.js';

/** Waits before retrying a failed first build: doubling from the first to the last. */
const FIRST_BUILD_RETRY_MS = { first: 500, max: 30_000 } as const;

/** Options of {@link createProjectionRefresher}. */
export interface RefresherOptions {
  readonly projection: ScreeningProjection;
  readonly feed: ScreeningFeed;
  readonly logger: Logger;
  /** Time between refreshes; 0 builds once and never refreshes. */
  readonly intervalMs: number;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** Citizens per batch, where the feed reads in batches. @default 500 */
  readonly batchSize?: number;
}

/** Starts and stops the refreshes. */
export interface ProjectionRefresher {
  /** Runs a refresh now (or joins the one running); resolves once it is swapped in. */
  refresh(): Promise<void>;
  /** Starts the first build and the schedule. */
  start(): void;
  /** Stops the schedule and aborts a running build. */
  stop(): void;
}

/** Creates the refresher. */
export function createProjectionRefresher(options: RefresherOptions): ProjectionRefresher {
  const clock = options.clock ?? (() => new Date());
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let retryMs: number = FIRST_BUILD_RETRY_MS.first;

  const refresh = (): Promise<void> => {
    running ??= (async () => {
      const started = performance.now();
      let lastLog = started;
      try {
        const snapshot = await buildSnapshot(options.feed, {
          now: clock(),
          batchSize: options.batchSize,
          signal: abort.signal,
          onProgress: (done, total) => {
            // Large reads show progress (DESIGN §5), at most every 5 s.
            if (performance.now() - lastLog > 5_000) {
              lastLog = performance.now();
              options.logger.info({ done, total }, 'screening projection: reading sources');
            }
          },
        });
        options.projection.replace(snapshot);
        options.logger.info(
          {
            citizens: snapshot.citizens,
            candidates: snapshot.entries.length,
            ms: Math.round(performance.now() - started),
            sourcesAsOf: snapshot.sourcesAsOf.toISOString(),
          },
          'screening projection built',
        );
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const safeRefresh = (): Promise<void> =>
    refresh().catch((err: unknown) => {
      if (abort.signal.aborted) return;
      options.logger.error(
        { err },
        'screening projection refresh failed; keeping the previous one',
      );
      // Without any snapshot the subgraph is not ready: try again soon rather than at the next
      // interval (e.g. the sources start after this subgraph).
      if (!options.projection.ready) {
        setTimeout(() => void safeRefresh(), retryMs).unref();
        retryMs = Math.min(FIRST_BUILD_RETRY_MS.max, retryMs * 2);
      }
    });

  return {
    refresh,
    start() {
      void safeRefresh();
      if (options.intervalMs > 0) {
        timer = setInterval(() => void safeRefresh(), options.intervalMs);
        timer.unref();
      }
    },
    stop() {
      clearInterval(timer);
      abort.abort();
    },
  };
}
