/** Starts the cases subgraph (Sags- og dokumentindeks). */
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { createMetrics } from '../../shared/src/metrics.js';
import { createCache } from '../../shared/src/cache/cacheConfig.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { buildSource } from '../../shared/src/sourceStack.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { createCasesServer } from './server.js';
import { createEmbeddedCaseIndexSource, createHttpCaseIndexSource } from './sources/CaseIndexSource.js';

const config = configOrExit('cases', () => loadSubgraphConfig('cases', process.env, () => ({})));
const logger = createLogger('cases', { level: config.logLevel });
const metrics = createMetrics('cases');
const cache = createCache(config.cache, { logger, metrics });
const source = buildSource(
  { embedded: () => createEmbeddedCaseIndexSource(createDataset(config.dataset)), http: createHttpCaseIndexSource },
  { metrics, cache, ttlMs: config.sourceCacheTtlMs, source: config.source, logger },
);
const { http } = await createCasesServer({
  source,
  grants: createAccessGrants(config.accessContextSecret),
  accessContextSecret: config.accessContextSecret,
  logger,
  metrics,
});
await runSubgraph({ name: 'cases', http, port: config.port, host: config.host, logger, onClose: async () => source.close?.() });
