/** Starts the interventions subgraph (intervention-index). */
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { createMetrics } from '../../shared/src/metrics.js';
import { createCache } from '../../shared/src/cache/cacheConfig.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { buildSource } from '../../shared/src/sourceStack.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { createInterventionsServer } from './server.js';
import { createEmbeddedInterventionIndexSource, createHttpInterventionIndexSource } from './sources/InterventionIndexSource.js';

const config = configOrExit('interventions', () => loadSubgraphConfig('interventions', process.env, () => ({})));
const logger = createLogger('interventions', { level: config.logLevel });
const metrics = createMetrics('interventions');
const cache = createCache(config.cache, { logger, metrics });
const source = buildSource(
  { embedded: () => createEmbeddedInterventionIndexSource(createDataset(config.dataset)), http: createHttpInterventionIndexSource },
  { metrics, cache, ttlMs: config.sourceCacheTtlMs, source: config.source, logger },
);
const { http } = await createInterventionsServer({
  source,
  grants: createAccessGrants(config.accessContextSecret),
  accessContextSecret: config.accessContextSecret,
  logger,
  metrics,
});
await runSubgraph({ name: 'interventions', http, port: config.port, host: config.host, logger, onClose: async () => source.close?.() });
