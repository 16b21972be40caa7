/**
 * The consent subgraph (samtykke): owns consent writes, every access decision and the audit
 * log. `composeConsent` is its one composition root, used by its entry, the tests and the bench.
 */
import { createAccessGrants, createPseudonymizer } from '@hoi/access';
import { consentRegister, type ConsentSource } from '@hoi/sources';
import { openDatabase } from '@hoi/storage';
import {
  configuredSource,
  loadSubgraphConfig,
  serviceBasics,
  type ServiceOverrides,
  type SubgraphConfig,
  type SubgraphService,
} from '@hoi/subgraph-kit';
import { readConsentConfig, type ConsentConfig } from './config.js';
import { createLogCursors } from './accessLog.js';
import { createConsentState } from './consentState.js';
import { createHttpScreeningTrail, type ScreeningTrail } from './screeningTrail.js';
import type { ConsentContext } from './context.js';
import { createConsentServer } from './server.js';
import type { ConsentStore } from './store/ConsentStore.js';
import { createSqlConsentStore } from './store/SqlConsentStore.js';

/** The consent subgraph's whole configuration. */
export type ConsentSubgraphConfig = Readonly<SubgraphConfig & ConsentConfig>;

/** Reads the consent subgraph's configuration; throws ConfigError listing every problem. */
export function loadConsentConfig(env: NodeJS.ProcessEnv): ConsentSubgraphConfig {
  return loadSubgraphConfig('consent', env, readConsentConfig);
}

/** Parts of the wiring a test supplies itself. */
export interface ConsentOverrides extends ServiceOverrides {
  /** The consent register instead of the configured one (it still gets metrics and the cache). */
  readonly source?: ConsentSource;
  /** The store instead of one opened from the configuration; the caller closes it. */
  readonly store?: ConsentStore;
  /** The clock of every decision; tests move it to check expiry. */
  readonly clock?: () => Date;
  /** The screening part of access logs instead of the HTTP one to SCREENING_URL. */
  readonly screeningTrail?: ScreeningTrail;
}

/** The assembled consent subgraph. */
export interface ConsentService extends SubgraphService<ConsentContext> {
  readonly store: ConsentStore;
  /** The consent register with its layers. */
  readonly source: ConsentSource;
}

/** Assembles the consent subgraph from its configuration (does not listen). */
export async function composeConsent(
  config: ConsentSubgraphConfig,
  overrides: ConsentOverrides = {},
): Promise<ConsentService> {
  const basics = serviceBasics(config, overrides);
  const { logger, metrics, cache } = basics;
  const store = overrides.store ?? (await createSqlConsentStore(await openDatabase(config)));
  if (!overrides.store) {
    logger.info({ storage: config.databaseUrl ? 'postgresql' : 'pglite' }, 'consent store ready');
  }
  const source = configuredSource(consentRegister, config, basics, overrides);
  const server = await createConsentServer({
    source,
    store,
    state: createConsentState(store, cache, config.consentCacheTtlMs),
    grants: createAccessGrants(config.accessContextSecret),
    pseudonymize: createPseudonymizer(config.auditPseudonymKey, 'audit-citizen'),
    screeningTrail:
      overrides.screeningTrail ??
      createHttpScreeningTrail({
        url: config.screeningUrl,
        accessContextSecret: config.accessContextSecret,
        timeoutMs: 5000,
      }),
    logCursors: createLogCursors(config.accessContextSecret),
    accessContextSecret: config.accessContextSecret,
    logger,
    metrics,
    clock: overrides.clock,
  });
  return {
    ...server,
    name: 'consent',
    logger,
    store,
    source,
    async close() {
      await server.apollo.stop();
      await source.close?.();
      // What was handed in belongs to the caller.
      if (!overrides.store) await store.close();
      await basics.closeCache();
    },
  };
}

export { createConsentServer } from './server.js';
export { createConsentState, type ConsentState } from './consentState.js';
export type { AuditRecord, ConsentChange, ConsentStore } from './store/ConsentStore.js';
export { createSqlConsentStore } from './store/SqlConsentStore.js';
export { CONSENT_LEDGER, MIGRATIONS, runConsentMigrations } from './store/migrations.js';
export type { ConsentContext } from './context.js';
export { createLogCursors, type LogEntry, type LogPart, type LogPosition } from './accessLog.js';
export { createHttpScreeningTrail, type ScreeningTrail } from './screeningTrail.js';
