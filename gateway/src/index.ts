/** Starts the gateway. */
import { readFileSync } from 'node:fs';
import { closeServer, listen } from '../../subgraphs/shared/src/httpServer.js';
import { createLogger } from '../../subgraphs/shared/src/logger.js';
import { createMetrics } from '../../subgraphs/shared/src/metrics.js';
import { createCache } from '../../subgraphs/shared/src/cache/cacheConfig.js';
import { configOrExit } from '../../subgraphs/shared/src/runSubgraph.js';
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
const gw = await createGateway({
  config,
  supergraphSdl: readFileSync(config.supergraphFile, 'utf8'),
  authenticate,
  logger,
  metrics,
  cache: createCache(config.cache, { logger, metrics }),
  entityCacheTtlMs: config.entityCacheTtlMs,
  queryPlanCacheMiB: config.queryPlanCacheMiB,
});
const url = await listen(gw.http, config.port, config.host);
logger.info({ url: `${url}/graphql`, mode: config.auth.mode }, 'gateway listening');

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down');
  await closeServer(gw.http);
  await gw.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
