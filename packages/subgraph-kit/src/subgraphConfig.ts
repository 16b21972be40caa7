/**
 * Configuration every subgraph shares: its port, the access-context secret, the dataset,
 * logging, the cache, the source and shutdown. Each subgraph's own variables carry its prefix
 * (e.g. CASES_PORT). In production (`NODE_ENV=production`) a subgraph needs a shared cache
 * and HTTP sources (and, when it keeps records, PostgreSQL: see readStorageConfig).
 */
import { readDatasetOptions, type DatasetOptions } from '@hoi/dataset';
import { readCacheConfig, type CacheConfig } from '@hoi/cache';
import {
  DEFAULT_SUBGRAPH_PORTS,
  readEnv,
  readShutdownConfig,
  type EnvReader,
  type ShutdownConfig,
  type SubgraphName,
} from '@hoi/platform';
import { readSourceConfig, type SourceConfig } from '@hoi/sources';

/** Configuration shared by all subgraphs. */
export interface SubgraphConfig {
  readonly name: SubgraphName;
  /** `<NAME>_PORT`. @default see DEFAULT_SUBGRAPH_PORTS */
  readonly port: number;
  /** `<NAME>_HOST`. @default '127.0.0.1' */
  readonly host: string;
  /** `ACCESS_CONTEXT_SECRET`: shared with the gateway; at least 32 characters. */
  readonly accessContextSecret: string;
  /** `DATASET_SEED`, `DATASET_CITIZENS`, `DATASET_REFERENCE_DATE`. */
  readonly dataset: DatasetOptions;
  /** `LOG_LEVEL`. @default 'info' */
  readonly logLevel: string;
  /** `NODE_ENV === 'production'`. */
  readonly production: boolean;
  /** The cache (`CACHE_*`, `REDIS_URL`). */
  readonly cache: CacheConfig;
  /** `<NAME>_CACHE_TTL_MS`: TTL of this subgraph's source results. @default CACHE_TTL_MS */
  readonly sourceCacheTtlMs: number;
  /** How the source is reached (`SOURCE_MODE`, `SOURCE_URL`, `SOURCE_TIMEOUT_MS`, …). */
  readonly source: SourceConfig;
  /** `SHUTDOWN_DRAIN_MS`, `SHUTDOWN_TIMEOUT_MS`: how SIGTERM is handled. */
  readonly shutdown: ShutdownConfig;
}

/** Loads the shared part of a subgraph's configuration; `extra` reads its own variables. */
export function loadSubgraphConfig<T>(
  name: SubgraphName,
  env: NodeJS.ProcessEnv,
  extra: (r: EnvReader) => T = () => ({}) as T,
): Readonly<SubgraphConfig & T> {
  const r = readEnv(env);
  const prefix = name.toUpperCase();
  const production = r.string('NODE_ENV', 'development') === 'production';
  const cache = readCacheConfig(r, production);
  const secret = r.secret('ACCESS_CONTEXT_SECRET', 32);
  if (secret === undefined && !r.optionalString('ACCESS_CONTEXT_SECRET')) {
    r.problem('ACCESS_CONTEXT_SECRET must be set (shared with the gateway; `npm start` sets one)');
  }
  const config = {
    name,
    port: r.int(`${prefix}_PORT`, DEFAULT_SUBGRAPH_PORTS[name], 0, 65_535),
    host: r.string(`${prefix}_HOST`, '127.0.0.1'),
    accessContextSecret: secret ?? '',
    dataset: readDatasetOptions(r),
    logLevel: r.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
    production,
    cache,
    sourceCacheTtlMs: r.int(`${prefix}_CACHE_TTL_MS`, cache.ttlMs, 1, 86_400_000),
    source: readSourceConfig(r, prefix, production),
    shutdown: readShutdownConfig(r, production),
    ...extra(r),
  };
  r.done();
  return Object.freeze(config);
}
