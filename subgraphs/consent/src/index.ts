/** Starts the consent subgraph (samtykke): owns consent writes and the audit log. */
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { createMetrics } from '../../shared/src/metrics.js';
import { createCache } from '../../shared/src/cache/cacheConfig.js';
import { createPseudonymizer } from '../../shared/src/pseudonym.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { buildSource } from '../../shared/src/sourceStack.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { readConsentConfig } from './config.js';
import { createConsentState } from './consentState.js';
import { createConsentServer } from './server.js';
import { createEmbeddedConsentSource, createHttpConsentSource } from './sources/ConsentSource.js';
import { createSqlConsentStore } from './store/SqlConsentStore.js';
import { openDatabase } from './store/sqlDatabase.js';

const config = configOrExit('consent', () => loadSubgraphConfig('consent', process.env, readConsentConfig));
const logger = createLogger('consent', { level: config.logLevel });
const metrics = createMetrics('consent');
const cache = createCache(config.cache, { logger, metrics });
const db = await openDatabase(config);
const store = await createSqlConsentStore(db);
logger.info({ storage: config.databaseUrl ? 'postgresql' : 'pglite' }, 'consent store ready');
const source = buildSource(
  { embedded: () => createEmbeddedConsentSource(createDataset(config.dataset)), http: createHttpConsentSource },
  { metrics, cache, ttlMs: config.sourceCacheTtlMs, source: config.source, logger },
);
const { http } = await createConsentServer({
  source,
  store,
  state: createConsentState(store, cache, config.consentCacheTtlMs),
  grants: createAccessGrants(config.accessContextSecret),
  pseudonymize: createPseudonymizer(config.auditPseudonymKey, 'audit-citizen'),
  accessContextSecret: config.accessContextSecret,
  logger,
  metrics,
});
await runSubgraph({
  name: 'consent',
  http,
  port: config.port,
  host: config.host,
  logger,
  onClose: async () => {
    await source.close?.();
    await store.close();
  },
});
