/** Starts the employment subgraph (employment-dfdg). */
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { createMetrics } from '../../shared/src/metrics.js';
import { createCache } from '../../shared/src/cache/cacheConfig.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { buildSource } from '../../shared/src/sourceStack.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { createEmploymentServer } from './server.js';
import { createEmbeddedEmploymentSource, createHttpEmploymentSource } from './sources/EmploymentSource.js';

const config = configOrExit('employment', () => loadSubgraphConfig('employment', process.env, () => ({})));
const logger = createLogger('employment', { level: config.logLevel });
const metrics = createMetrics('employment');
const cache = createCache(config.cache, { logger, metrics });
const source = buildSource(
  { embedded: () => createEmbeddedEmploymentSource(createDataset(config.dataset)), http: createHttpEmploymentSource },
  { metrics, cache, ttlMs: config.sourceCacheTtlMs, source: config.source, logger },
);
const { http } = await createEmploymentServer({
  source,
  grants: createAccessGrants(config.accessContextSecret),
  accessContextSecret: config.accessContextSecret,
  logger,
  metrics,
});
await runSubgraph({ name: 'employment', http, port: config.port, host: config.host, logger, onClose: async () => source.close?.() });
