/**
 * Starts the screening subgraph (HOI udsøgning): the projection is built in the background
 * (`/ready` is false until it is in) and refreshed every SCREENING_REFRESH_MINUTES.
 */
import { openDatabase } from '../../consent/src/store/sqlDatabase.js';
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { createMetrics } from '../../shared/src/metrics.js';
import { createPseudonymizer } from '../../shared/src/pseudonym.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { buildSource } from '../../shared/src/sourceStack.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { readScreeningConfig } from './config.js';
import { createCursorCodec } from './cursor.js';
import { createDecisionSync } from './projection/decisionSync.js';
import { createDatasetFeed, createSourceFeed } from './projection/feed.js';
import { registerProjectionMetrics } from './projection/projectionMetrics.js';
import { createProjectionRefresher } from './projection/refresher.js';
import { ScreeningProjection } from './projection/ScreeningProjection.js';
import { createScreeningServer } from './server.js';
import { createEmbeddedScreeningRecordsSource, createHttpScreeningRecordsSource } from './sources/ScreeningRecordsSource.js';
import { createSqlScreeningStore } from './store/SqlScreeningStore.js';

const config = configOrExit('screening', () => loadSubgraphConfig('screening', process.env, readScreeningConfig));
const logger = createLogger('screening', { level: config.logLevel });
const metrics = createMetrics('screening');
const db = await openDatabase(config);
const store = await createSqlScreeningStore(db);
logger.info({ storage: config.databaseUrl ? 'postgresql' : 'pglite' }, 'screening store ready');
const dataset = createDataset(config.dataset);
// No cache layer: cpr-knap evaluates the citizen's current records.
const source = buildSource(
  { embedded: () => createEmbeddedScreeningRecordsSource(dataset), http: createHttpScreeningRecordsSource },
  { metrics, cache: null, ttlMs: 1, source: config.source, logger },
);
const projection = new ScreeningProjection();
registerProjectionMetrics(metrics, projection);
const decisionSync = createDecisionSync(store, projection);
await decisionSync.sync();
const refresher = createProjectionRefresher({
  projection,
  // Over HTTP the roster (the dataset's CPRs) is read through the three index sources.
  feed: config.source.mode === 'http' ? createSourceFeed(dataset, source) : createDatasetFeed(dataset),
  logger,
  intervalMs: config.refreshMinutes * 60_000,
});
const { http } = await createScreeningServer({
  source,
  store,
  projection,
  decisionSync,
  grants: createAccessGrants(config.accessContextSecret),
  cursors: createCursorCodec(config.accessContextSecret),
  pseudonymize: createPseudonymizer(config.auditPseudonymKey, 'audit-citizen'),
  accessContextSecret: config.accessContextSecret,
  logger,
  metrics,
});
refresher.start();
await runSubgraph({
  name: 'screening',
  http,
  port: config.port,
  host: config.host,
  logger,
  onClose: async () => {
    refresher.stop();
    await source.close?.();
    await store.close();
  },
});
