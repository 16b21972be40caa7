/**
 * The gateway's composition root: everything from its configuration, used by its entry and
 * by the tests (with their own logger, metrics or cache handed in).
 */
import { readFileSync } from 'node:fs';
import { createCache, type SealedCache } from '@hoi/cache';
import { createLogger, createMetrics, type Logger, type Metrics } from '@hoi/platform';
import { createAuthenticator } from './auth.js';
import type { GatewayConfig } from './config.js';
import { developmentJwtSecret } from './devSecret.js';
import { createGateway, type Gateway } from './server.js';

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
  const authenticate = createAuthenticator(
    config.auth,
    // Without AUTH_JWT_SECRET, development tokens use this machine's secret (npm run token's).
    config.auth.mode === 'development' && !config.auth.jwtSecret
      ? developmentJwtSecret()
      : undefined,
  );
  const gateway = await createGateway({
    config,
    supergraphSdl: readFileSync(config.supergraphFile, 'utf8'),
    authenticate,
    logger,
    metrics,
    cache,
    entityCacheTtlMs: config.entityCacheTtlMs,
    queryPlanCacheMiB: config.queryPlanCacheMiB,
  });
  return {
    ...gateway,
    logger,
    async close() {
      await gateway.stop();
      if (ownCache) await cache?.store.close();
    },
  };
}
