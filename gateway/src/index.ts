/** Starts the gateway. */
import { readFileSync } from 'node:fs';
import { createCache } from '@hoi/cache';
import { configOrExit, createLogger, createMetrics, runService } from '@hoi/platform';
import { createAuthenticator } from './auth.js';
import { loadGatewayConfig } from './config.js';
import { developmentJwtSecret } from './devSecret.js';
import { createGateway } from './server.js';

const config = configOrExit('gateway', () => loadGatewayConfig(process.env));
const logger = createLogger('gateway', { level: config.logLevel });
const metrics = createMetrics('gateway');
const authenticate = createAuthenticator(
  config.auth,
  config.auth.mode === 'development' && !config.auth.jwtSecret ? developmentJwtSecret() : undefined,
);
const cache = createCache(config.cache, { logger, metrics });
const gw = await createGateway({
  config,
  supergraphSdl: readFileSync(config.supergraphFile, 'utf8'),
  authenticate,
  logger,
  metrics,
  cache,
  entityCacheTtlMs: config.entityCacheTtlMs,
  queryPlanCacheMiB: config.queryPlanCacheMiB,
});
await runService({
  name: 'gateway',
  http: gw.http,
  port: config.port,
  host: config.host,
  logger,
  fields: { mode: config.auth.mode },
  onClose: async () => {
    await gw.stop();
    await cache?.store.close();
  },
});
