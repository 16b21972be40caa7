/**
 * The screening subgraph (HOI udsøgning): cpr-liste over a projection of the sources, rebuilt
 * in the background, and cpr-knap over the current records. `composeScreening` is its one
 * composition root, used by its entry, the tests and the bench.
 */
import { createAccessGrants, createPseudonymizer } from '@hoi/access';
import { createDataset } from '@hoi/dataset';
import { buildSource, httpSourceSettings } from '@hoi/sources';
import { openDatabase } from '@hoi/storage';
import {
  loadSubgraphConfig,
  serviceBasics,
  type ServiceOverrides,
  type SubgraphConfig,
  type SubgraphService,
} from '@hoi/subgraph-kit';
import { readScreeningConfig, type ScreeningConfig } from './config.js';
import type { ScreeningContext } from './context.js';
import { createCursorCodec } from './cursor.js';
import { createDecisionSync } from './projection/decisionSync.js';
import { createExportFeed } from './projection/exportFeed.js';
import { createDatasetFeed } from './projection/feed.js';
import { registerProjectionMetrics } from './projection/projectionMetrics.js';
import { createProjectionRefresher, type ProjectionRefresher } from './projection/refresher.js';
import { ScreeningProjection } from './projection/ScreeningProjection.js';
import { createScreeningServer } from './server.js';
import {
  createEmbeddedScreeningRecordsSource,
  createHttpScreeningExports,
  createHttpScreeningRecordsSource,
  type ScreeningRecordsSource,
} from './sources/ScreeningRecordsSource.js';
import type { ScreeningStore } from './store/ScreeningStore.js';
import { createSqlScreeningStore } from './store/SqlScreeningStore.js';

/** The screening subgraph's whole configuration. */
export type ScreeningSubgraphConfig = Readonly<SubgraphConfig & ScreeningConfig>;

/** Reads the screening subgraph's configuration; throws ConfigError listing every problem. */
export function loadScreeningConfig(env: NodeJS.ProcessEnv): ScreeningSubgraphConfig {
  return loadSubgraphConfig('screening', env, readScreeningConfig);
}

/** Parts of the wiring a test supplies itself. */
export interface ScreeningOverrides extends Omit<ServiceOverrides, 'cache'> {
  /** The per-citizen records instead of the configured source (it still gets metrics). */
  readonly source?: ScreeningRecordsSource;
  /** The store instead of one opened from the configuration; the caller closes it. */
  readonly store?: ScreeningStore;
  /** The clock of every decision and of the projection's day. */
  readonly clock?: () => Date;
}

/** The assembled screening subgraph. */
export interface ScreeningService extends SubgraphService<ScreeningContext> {
  readonly store: ScreeningStore;
  readonly projection: ScreeningProjection;
  /** Rebuilds the projection; `start()` schedules it (the entry), tests call `refresh()`. */
  readonly refresher: ProjectionRefresher;
  /** The per-citizen records source with its layers. */
  readonly source: ScreeningRecordsSource;
}

/** Assembles the screening subgraph from its configuration (does not listen, builds nothing yet). */
export async function composeScreening(
  config: ScreeningSubgraphConfig,
  overrides: ScreeningOverrides = {},
): Promise<ScreeningService> {
  // No cache: cpr-knap evaluates the citizen's current records.
  const { logger, metrics } = serviceBasics(config, { ...overrides, cache: null });
  const store = overrides.store ?? (await createSqlScreeningStore(await openDatabase(config)));
  if (!overrides.store)
    logger.info({ storage: config.databaseUrl ? 'postgresql' : 'pglite' }, 'screening store ready');
  const dataset = overrides.dataset ?? createDataset(config.dataset);
  const given = overrides.source;
  const source = buildSource(
    {
      embedded: () => given ?? createEmbeddedScreeningRecordsSource(dataset),
      http: (settings) => given ?? createHttpScreeningRecordsSource(settings),
    },
    { metrics, cache: null, ttlMs: 1, source: config.source, logger },
  );
  const projection = new ScreeningProjection();
  registerProjectionMetrics(metrics, projection);
  const decisionSync = createDecisionSync(store, projection);
  await decisionSync.sync();
  // Over HTTP the projection streams the three index sources' bulk exports.
  const exports =
    config.source.mode === 'http'
      ? createHttpScreeningExports(httpSourceSettings(config.source, { metrics, logger }))
      : null;
  const refresher = createProjectionRefresher({
    projection,
    feed: exports ? createExportFeed(exports) : createDatasetFeed(dataset),
    logger,
    intervalMs: config.refreshMinutes * 60_000,
    clock: overrides.clock,
  });
  const server = await createScreeningServer({
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
    clock: overrides.clock,
  });
  return {
    ...server,
    name: 'screening',
    logger,
    store,
    projection,
    refresher,
    source,
    async close() {
      refresher.stop();
      await server.apollo.stop();
      await source.close?.();
      await exports?.close();
      if (!overrides.store) await store.close();
    },
  };
}

export * from './eligibility.js';
export { createCursorCodec } from './cursor.js';
export { createDecisionSync } from './projection/decisionSync.js';
export { createDatasetFeed, buildSnapshot } from './projection/feed.js';
export type { ScreeningFeed } from './projection/feed.js';
export { createExportFeed, type ScreeningExports } from './projection/exportFeed.js';
export { createProjectionRefresher } from './projection/refresher.js';
export { ScreeningProjection, SnapshotBuilder } from './projection/ScreeningProjection.js';
export * from './projection/screeningKey.js';
export {
  createEmbeddedScreeningRecordsSource,
  createHttpScreeningExports,
  createHttpScreeningRecordsSource,
} from './sources/ScreeningRecordsSource.js';
export type { ScreeningRecordsSource } from './sources/ScreeningRecordsSource.js';
export * from './store/ScreeningStore.js';
export { createSqlScreeningStore } from './store/SqlScreeningStore.js';
export { SCREENING_MIGRATIONS } from './store/migrations.js';
export { createScreeningServer } from './server.js';
export { registerProjectionMetrics } from './projection/projectionMetrics.js';
export type { ScreeningContext } from './context.js';
