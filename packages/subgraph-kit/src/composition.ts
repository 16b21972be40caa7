/**
 * The pieces every subgraph's composition root assembles alike: its logger, metrics and cache,
 * and its source as SOURCE_MODE asks for it, each replaceable by what a test or the bench
 * hands in; what a composition root returns, and how an entry runs it.
 */
import { createCache, type SealedCache } from '@hoi/cache';
import { createDataset, type Dataset } from '@hoi/dataset';
import {
  createLogger,
  createMetrics,
  runService,
  type Logger,
  type Metrics,
  type SubgraphName,
} from '@hoi/platform';
import {
  buildSource,
  embeddedSource,
  httpSource,
  type CitizenSource,
  type SourceDefinition,
} from '@hoi/sources';
import type { Telemetry } from '@hoi/telemetry';
import type { SubgraphConfig } from './subgraphConfig.js';
import type { SubgraphContext, SubgraphServer } from './subgraphServer.js';

/** Parts of the standard wiring a caller (a test, the bench) supplies itself. */
export interface ServiceOverrides {
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** The cache instead of the configured one; null: none. */
  readonly cache?: SealedCache | null;
  /** The synthetic dataset instead of one made from the configuration. */
  readonly dataset?: Dataset;
}

/** A service's logger, metrics and cache. */
export interface ServiceBasics {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly cache: SealedCache | null;
  /** Closes the cache when the service made it (one handed in belongs to the caller). */
  closeCache(): Promise<void>;
}

/** The logger, metrics and cache of the subgraph `config` names, or those handed in. */
export function serviceBasics(config: SubgraphConfig, overrides: ServiceOverrides): ServiceBasics {
  const logger = overrides.logger ?? createLogger(config.name, { level: config.logLevel });
  const metrics = overrides.metrics ?? createMetrics(config.name);
  const own = overrides.cache === undefined;
  const cache = own ? createCache(config.cache, { logger, metrics }) : (overrides.cache ?? null);
  return {
    logger,
    metrics,
    cache,
    closeCache: async () => void (own && (await cache?.store.close())),
  };
}

/**
 * A subgraph's source: the implementation SOURCE_MODE asks for (or `given`, e.g. a test's
 * counted source), wrapped in metrics and the cache.
 */
export function configuredSource<T>(
  definition: SourceDefinition<T>,
  config: SubgraphConfig,
  basics: ServiceBasics,
  overrides: ServiceOverrides & { readonly source?: CitizenSource<T> },
): CitizenSource<T> {
  const given = overrides.source;
  return buildSource(
    {
      embedded: () =>
        given ?? embeddedSource(definition, overrides.dataset ?? createDataset(config.dataset)),
      http: (settings) => given ?? httpSource(definition, settings),
    },
    {
      metrics: basics.metrics,
      cache: basics.cache,
      ttlMs: config.sourceCacheTtlMs,
      source: config.source,
      logger: basics.logger,
    },
  );
}

/** A subgraph assembled from its configuration, not listening yet. */
export interface SubgraphService<
  TContext extends SubgraphContext = SubgraphContext,
> extends SubgraphServer<TContext> {
  readonly name: SubgraphName;
  readonly logger: Logger;
  /** Releases what the service holds besides its HTTP server (sources, stores, the cache). */
  close(): Promise<void>;
}

/**
 * Runs an assembled subgraph as a process (from its `index.ts`): listen, log, and on SIGTERM
 * the graceful shutdown `config.shutdown` asks for; the service closes, then the telemetry
 * flushes its last spans.
 */
export function serveSubgraph(
  service: Pick<SubgraphService, 'name' | 'http' | 'logger' | 'close'>,
  config: Pick<SubgraphConfig, 'port' | 'host' | 'shutdown'>,
  telemetry?: Pick<Telemetry, 'shutdown'>,
): Promise<string> {
  return runService({
    name: `${service.name} subgraph`,
    http: service.http,
    port: config.port,
    host: config.host,
    logger: service.logger,
    shutdown: config.shutdown,
    onClose: async () => {
      await service.close();
      await telemetry?.shutdown();
    },
  });
}
