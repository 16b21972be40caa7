/** Starts the benefits subgraph (benefit-index). */
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { createMetrics } from '../../shared/src/metrics.js';
import { createCache } from '../../shared/src/cache/cacheConfig.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { buildSource } from '../../shared/src/sourceStack.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { createBenefitsServer } from './server.js';
import { createEmbeddedBenefitIndexSource, createHttpBenefitIndexSource } from './sources/BenefitIndexSource.js';

const config = configOrExit('benefits', () => loadSubgraphConfig('benefits', process.env, () => ({})));
const logger = createLogger('benefits', { level: config.logLevel });
const metrics = createMetrics('benefits');
const cache = createCache(config.cache, { logger, metrics });
const source = buildSource(
  { embedded: () => createEmbeddedBenefitIndexSource(createDataset(config.dataset)), http: createHttpBenefitIndexSource },
  { metrics, cache, ttlMs: config.sourceCacheTtlMs, source: config.source, logger },
);
const { http } = await createBenefitsServer({
  source,
  grants: createAccessGrants(config.accessContextSecret),
  accessContextSecret: config.accessContextSecret,
  logger,
  metrics,
});
await runSubgraph({ name: 'benefits', http, port: config.port, host: config.host, logger, onClose: async () => source.close?.() });
