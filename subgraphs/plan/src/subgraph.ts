/**
 * The plan subgraph: the joint HOI plan (its store and writes) and the citizen's timeline.
 * `composePlan` is its one composition root, used by its entry, the tests and the bench.
 */
import { createAccessGrants } from '@hoi/access';
import { createDataset, demoPlans, type Dataset } from '@hoi/dataset';
import { benefitIndex, caseIndex, interventionIndex } from '@hoi/sources';
import { openDatabase } from '@hoi/storage';
import {
  configuredSource,
  loadSubgraphConfig,
  serviceBasics,
  type ServiceOverrides,
  type SubgraphConfig,
  type SubgraphService,
} from '@hoi/subgraph-kit';
import { readPlanConfig, type PlanConfig } from './config.js';
import { createHttpConsentGate, type ConsentGate } from './consentGate.js';
import type { PlanContext, TimelineSources } from './context.js';
import { createPlanServer } from './server.js';
import type { PlanStore } from './store/PlanStore.js';
import { createSqlPlanStore } from './store/SqlPlanStore.js';

/** The plan subgraph's whole configuration. */
export type PlanSubgraphConfig = Readonly<SubgraphConfig & PlanConfig>;

/** Reads the plan subgraph's configuration; throws ConfigError listing every problem. */
export function loadPlanConfig(env: NodeJS.ProcessEnv): PlanSubgraphConfig {
  return loadSubgraphConfig('plan', env, readPlanConfig);
}

/** Parts of the wiring a test supplies itself. */
export interface PlanOverrides extends ServiceOverrides {
  /** The timeline's sources instead of the configured ones (they still get metrics and the cache). */
  readonly sources?: Partial<TimelineSources>;
  /** The store instead of one opened from the configuration; the caller closes it. */
  readonly store?: PlanStore;
  /** The consent gate instead of the HTTP one to CONSENT_URL. */
  readonly consentGate?: ConsentGate;
  readonly clock?: () => Date;
}

/** The assembled plan subgraph. */
export interface PlanService extends SubgraphService<PlanContext> {
  readonly store: PlanStore;
  /** How many demo plans this start stored (0 when the store had them already). */
  readonly seeded: number;
}

/** Seeds the demo plans of the dataset's first citizens, once per store. */
async function seedDemoPlans(store: PlanStore, dataset: Dataset, limit: number): Promise<number> {
  if (limit === 0) return 0;
  const { seed, citizens } = dataset.options;
  return store.seed(`demo:${seed}:${citizens}:${limit}`, () => demoPlans(dataset, limit));
}

/** Assembles the plan subgraph from its configuration (does not listen). */
export async function composePlan(
  config: PlanSubgraphConfig,
  overrides: PlanOverrides = {},
): Promise<PlanService> {
  const basics = serviceBasics(config, overrides);
  const { logger, metrics } = basics;
  const dataset = overrides.dataset ?? createDataset(config.dataset);
  const withDataset = { ...overrides, dataset };
  const sources: TimelineSources = {
    cases: configuredSource(caseIndex, config, basics, {
      ...withDataset,
      source: overrides.sources?.cases,
    }),
    benefits: configuredSource(benefitIndex, config, basics, {
      ...withDataset,
      source: overrides.sources?.benefits,
    }),
    interventions: configuredSource(interventionIndex, config, basics, {
      ...withDataset,
      source: overrides.sources?.interventions,
    }),
  };
  const store = overrides.store ?? (await createSqlPlanStore(await openDatabase(config)));
  const seeded = await seedDemoPlans(store, dataset, config.demoCitizens);
  if (!overrides.store) {
    logger.info(
      { storage: config.databaseUrl ? 'postgresql' : 'pglite', demoPlansSeeded: seeded },
      'plan store ready',
    );
  }
  const server = await createPlanServer({
    store,
    sources,
    consentGate:
      overrides.consentGate ??
      createHttpConsentGate({
        url: config.consentUrl,
        accessContextSecret: config.accessContextSecret,
        timeoutMs: config.consentTimeoutMs,
        logger,
      }),
    grants: createAccessGrants(config.accessContextSecret),
    clock: overrides.clock,
    accessContextSecret: config.accessContextSecret,
    logger,
    metrics,
  });
  return {
    ...server,
    name: 'plan',
    logger,
    store,
    seeded,
    async close() {
      await server.apollo.stop();
      await Promise.all(Object.values(sources).map((s) => s.close?.()));
      // What was handed in belongs to the caller.
      if (!overrides.store) await store.close();
      await basics.closeCache();
    },
  };
}

export { createPlanServer } from './server.js';
export { createHttpConsentGate, type ConsentGate, type WriteAccess } from './consentGate.js';
export type { PlanContext, PlanDeps, TimelineSources } from './context.js';
export type { NewPlanElement, PlanChange, PlanStore } from './store/PlanStore.js';
export { createSqlPlanStore } from './store/SqlPlanStore.js';
export { PLAN_MIGRATIONS, runPlanMigrations } from './store/migrations.js';
