/**
 * The gateway's composition root: everything from its configuration, used by its entry and
 * by the tests (with their own logger, metrics or cache handed in).
 */
import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';
import { createCache, createRedisClient, type SealedCache } from '@hoi/cache';
import {
  createLogger,
  createMetrics,
  developmentJwtSecret,
  type Logger,
  type Metrics,
} from '@hoi/platform';
import { createAuthenticator } from './auth.js';
import type { GatewayConfig } from './config.js';
import { createDevTokenMinter, PLAYGROUND_TOKEN_TTL_SECONDS } from './playgroundTokens.js';
import { createGateway, type Gateway } from './server.js';
import { parseTrustedManifest, type TrustedOperations } from './trustedOperations.js';

/** Reads the trusted operations manifest a configuration names (throws when unusable). */
function loadManifest(config: GatewayConfig): TrustedOperations | null {
  const file = config.trustedOperations.manifestFile;
  return file ? parseTrustedManifest(readFileSync(file, 'utf8')) : null;
}

/**
 * The Redis connection of the shared rate limits (its own: the cache store keeps its client to
 * itself). Like the cache's, its commands fail fast while Redis is away, and the limiter then
 * counts in process.
 */
async function rateLimitRedis(
  config: GatewayConfig,
  logger: Logger,
): Promise<Redis | Cluster | undefined> {
  const off = config.cache.mode === 'off';
  const url = off ? undefined : config.cache.redisUrl;
  const nodes = off ? [] : (config.cache.redisClusterNodes ?? []);
  if (!url && nodes.length === 0) return undefined;
  const redis = createRedisClient({
    url,
    clusterNodes: nodes,
    keyPrefix: config.cache.keyPrefix,
    timeoutMs: config.cache.timeoutMs,
  });
  let down = false;
  redis.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err }, 'rate limits: Redis unavailable, counting in process until it is back');
  });
  redis.on('ready', () => void (down = false));
  // Counting starts shared: wait for the connection (or its first failure), briefly.
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, 1_000);
    redis.once('ready', done);
    redis.once('error', done);
  });
  return redis;
}

/** Parts of the standard wiring a test supplies itself. */
export interface GatewayOverrides {
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** The cache instead of the configured one; null: none. The caller closes it. */
  readonly cache?: SealedCache | null;
}

/** The assembled gateway. */
export interface GatewayService extends Gateway {
  readonly logger: Logger;
  /** Stops the gateway and releases its cache (after its HTTP server has closed). */
  close(): Promise<void>;
}

/** Assembles the gateway from its configuration (does not listen). */
export async function composeGateway(
  config: GatewayConfig,
  overrides: GatewayOverrides = {},
): Promise<GatewayService> {
  const logger = overrides.logger ?? createLogger('gateway', { level: config.logLevel });
  const metrics = overrides.metrics ?? createMetrics('gateway');
  const ownCache = overrides.cache === undefined;
  const cache = ownCache
    ? createCache(config.cache, { logger, metrics })
    : (overrides.cache ?? null);
  // Without AUTH_JWT_SECRET, development tokens use this machine's secret (npm run token's).
  const devSecret =
    config.auth.mode === 'development'
      ? (config.auth.jwtSecret ?? developmentJwtSecret())
      : undefined;
  const authenticate = createAuthenticator(config.auth, devSecret);
  const trusted = loadManifest(config);
  const limiterRedis = await rateLimitRedis(config, logger);
  const gateway = await createGateway({
    config,
    supergraphSdl: readFileSync(config.supergraphFile, 'utf8'),
    authenticate,
    logger,
    metrics,
    cache,
    entityCacheTtlMs: config.entityCacheTtlMs,
    entityCacheMemoryMiB: config.entityCacheMemoryMiB,
    queryPlanCacheMiB: config.queryPlanCacheMiB,
    trusted,
    rateLimitRedis: limiterRedis,
    playground: {
      sample: config.playground,
      // Development only: the tabs' tokens, signed with the secret verified above.
      devTokens:
        devSecret === undefined
          ? null
          : createDevTokenMinter({
              secret: devSecret,
              issuer: config.auth.issuer,
              audience: config.auth.audience,
              ttlSeconds: Math.min(
                PLAYGROUND_TOKEN_TTL_SECONDS,
                config.auth.maxTokenTtlSeconds ?? PLAYGROUND_TOKEN_TTL_SECONDS,
              ),
            }),
    },
  });
  return {
    ...gateway,
    logger,
    async close() {
      await gateway.stop();
      if (ownCache) await cache?.store.close();
      limiterRedis?.disconnect();
    },
  };
}
