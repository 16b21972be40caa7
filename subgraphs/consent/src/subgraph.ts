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
import {
  startConsentNotifications,
  type ConsentNotifications,
} from './notifications/consentNotifications.js';

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
  /**
   * Consent notifications: `false` starts none (a test that drives the outbox itself);
   * `random` fixes the retry jitter. Intervals come from the configuration
   * (CONSENT_NOTIFY_TICK_MS, CONSENT_WEBHOOK_POLL_MS, …), the expiry clock is `clock`.
   */
  readonly notifications?: false | { readonly random?: () => number };
}

/** The assembled consent subgraph. */
export interface ConsentService extends SubgraphService<ConsentContext> {
  readonly store: ConsentStore;
  /** The consent register with its layers. */
  readonly source: ConsentSource;
  /**
   * The consent notifications (expiry scheduler, webhook dispatcher) over the store's outbox;
   * null when the store has no outbox (a test's in-memory store) or they are turned off.
   */
  readonly notifications: ConsentNotifications | null;
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
  // After the store is ready (its migrations ran); the first tick and claims run in the
  // background, so start stays fast.
  const notifications =
    store.outbox && overrides.notifications !== false
      ? startConsentNotifications({
          outbox: store.outbox,
          config: config.notifications,
          clock: overrides.clock,
          metrics,
          logger,
          random: overrides.notifications?.random,
        })
      : null;
  return {
    ...server,
    name: 'consent',
    logger,
    store,
    source,
    notifications,
    async close() {
      // First: attempts in flight are aborted (their leases given back) before the store closes.
      await notifications?.stop();
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
export {
  DEFAULT_NOTIFICATION_CONFIG,
  readNotificationConfig,
  type ConsentNotificationConfig,
} from './config.js';
export {
  CONSENT_EVENT_TYPES,
  consentEventBody,
  type ConsentEventBody,
  type ConsentEventDraft,
  type ConsentEventType,
} from './notifications/consentEvents.js';
export type {
  ClaimedDelivery,
  ConsentOutbox,
  DeliveryRow,
  DeliveryState,
  StoredConsentEvent,
} from './notifications/ConsentOutbox.js';
export { createSqlConsentOutbox } from './notifications/SqlConsentOutbox.js';
export {
  createExpiryScheduler,
  decideExpiry,
  expiringFrom,
  type ExpiryScheduler,
} from './notifications/expiryScheduler.js';
export { createNotificationMetrics } from './notifications/notificationMetrics.js';
export { retryDelay } from './notifications/retryDelay.js';
export {
  startWebhookDispatcher,
  type WebhookDispatcher,
} from './notifications/webhookDispatcher.js';
export {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhookSignature,
} from './notifications/webhookSignature.js';
export {
  startConsentNotifications,
  type ConsentNotifications,
} from './notifications/consentNotifications.js';
