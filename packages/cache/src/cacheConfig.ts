/**
 * Cache configuration, shared by the gateway and the subgraphs, and the factory that turns it
 * into a SealedCache (or none, when caching is off).
 */
import { randomBytes } from 'node:crypto';
import type { EnvReader, Logger, Metrics } from '@hoi/platform';
import { createMemoryCacheStore } from './MemoryCacheStore.js';
import { createRedisCacheStore } from './RedisCacheStore.js';
import { createSealedCache, type SealedCache } from './sealedCache.js';

/** The cache settings. */
export interface CacheConfig {
  /**
   * `CACHE_MODE`: auto = Redis when REDIS_URL (or REDIS_CLUSTER_NODES) is set, else in-process;
   * off = no cache. @default 'auto'
   */
  readonly mode: 'auto' | 'off';
  /** `REDIS_URL`. */
  readonly redisUrl: string | undefined;
  /**
   * `REDIS_CLUSTER_NODES`: a Redis Cluster's seed nodes (`host:port,host:port,…`), instead of
   * REDIS_URL. @default none
   */
  readonly redisClusterNodes?: readonly string[];
  /** `CACHE_KEY_PREFIX`: several deployments can share one Redis. @default 'hoi:v1:' */
  readonly keyPrefix: string;
  /** `CACHE_TIMEOUT_MS`: longest a cache command may take before it counts as a miss. @default 50 */
  readonly timeoutMs: number;
  /** `CACHE_TTL_MS`: default TTL of source results. @default 60000 */
  readonly ttlMs: number;
  /** `CACHE_ENCRYPTION_KEY` (base64, 32 bytes); required in production, random per process otherwise. */
  readonly encryptionKey: Buffer;
  /** `CACHE_ENCRYPTION_KEY_PREVIOUS`: still read during a rotation. */
  readonly previousEncryptionKey: Buffer | undefined;
  /** `CACHE_HMAC_KEY` (base64, ≥ 32 bytes): names entries; keep it across rotations. */
  readonly hmacKey: Buffer | undefined;
}

function base64Key(
  r: EnvReader,
  name: string,
  minBytes: number,
  exact: boolean,
): Buffer | undefined {
  const raw = r.optionalString(name);
  if (raw === undefined) return undefined;
  const key = Buffer.from(raw, 'base64');
  if (exact ? key.length !== minBytes : key.length < minBytes) {
    r.problem(
      `${name} must be base64 of ${exact ? 'exactly' : 'at least'} ${minBytes} bytes (e.g. \`openssl rand -base64 32\`)`,
    );
    return undefined;
  }
  return key;
}

/**
 * Reads the cache settings; `production` makes the encryption key and a shared cache (Redis
 * or a Redis Cluster) mandatory.
 */
export function readCacheConfig(r: EnvReader, production: boolean): CacheConfig {
  const encryptionKey = base64Key(r, 'CACHE_ENCRYPTION_KEY', 32, true);
  if (!encryptionKey && production) {
    r.problem(
      'CACHE_ENCRYPTION_KEY must be set in production: cached values hold personal data and are encrypted with it',
    );
  }
  const keyPrefix = r.string('CACHE_KEY_PREFIX', 'hoi:v1:');
  if (!/^[A-Za-z0-9:_-]{1,64}$/.test(keyPrefix))
    r.problem(`CACHE_KEY_PREFIX must be 1–64 of [A-Za-z0-9:_-], got "${keyPrefix}"`);
  const clusterNodes = (r.optionalString('REDIS_CLUSTER_NODES') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const badNode = clusterNodes.find((n) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(n));
  if (badNode !== undefined)
    r.problem(`REDIS_CLUSTER_NODES must be host:port,host:port,…; got "${badNode}"`);
  // Several instances behind a load balancer: per-process caches would each hold their own
  // entries, and consent state and the shared rate limits need Redis anyway (issue 14).
  if (production && r.optionalString('REDIS_URL') === undefined && clusterNodes.length === 0)
    r.problem(
      'REDIS_URL or REDIS_CLUSTER_NODES must be set in production: a cache shared by every instance',
    );
  return {
    mode: r.oneOf('CACHE_MODE', ['auto', 'off'], 'auto'),
    redisUrl: r.url('REDIS_URL'),
    ...(clusterNodes.length > 0 ? { redisClusterNodes: clusterNodes } : {}),
    keyPrefix,
    timeoutMs: r.int('CACHE_TIMEOUT_MS', 50, 1, 10_000),
    ttlMs: r.int('CACHE_TTL_MS', 60_000, 1, 86_400_000),
    // Without a configured key, entries only need to be readable by this process (in-process
    // LRU) or by processes started together (`npm start` passes one key to all of them).
    encryptionKey: encryptionKey ?? randomBytes(32),
    previousEncryptionKey: base64Key(r, 'CACHE_ENCRYPTION_KEY_PREVIOUS', 32, true),
    hmacKey: base64Key(r, 'CACHE_HMAC_KEY', 32, false),
  };
}

/** Creates the cache a configuration asks for, or null when caching is off. */
export function createCache(
  config: CacheConfig,
  deps: { logger: Logger; metrics?: Metrics },
): SealedCache | null {
  if (config.mode === 'off') return null;
  const store =
    config.redisUrl || config.redisClusterNodes?.length
      ? createRedisCacheStore({
          url: config.redisUrl,
          clusterNodes: config.redisClusterNodes,
          keyPrefix: config.keyPrefix,
          timeoutMs: config.timeoutMs,
          logger: deps.logger,
          metrics: deps.metrics,
        })
      : createMemoryCacheStore();
  return createSealedCache(store, {
    key: config.encryptionKey,
    previousKeys: config.previousEncryptionKey ? [config.previousEncryptionKey] : [],
    namingKey: config.hmacKey,
    metrics: deps.metrics,
  });
}
