/**
 * Consent notifications, assembled: the expiry scheduler (always: events are recorded in the
 * outbox whether or not anyone receives them) and the webhook dispatcher (when
 * CONSENT_WEBHOOK_URLS names receivers). Nothing heavy runs before `start` returns: the first
 * tick and the first claims run in the background.
 */
import type { Logger, Metrics } from '@hoi/platform';
import type { ConsentNotificationConfig } from '../config.js';
import type { ConsentOutbox } from './ConsentOutbox.js';
import { createExpiryScheduler, type ExpiryScheduler } from './expiryScheduler.js';
import { createNotificationMetrics } from './notificationMetrics.js';
import { startWebhookDispatcher, type WebhookDispatcher } from './webhookDispatcher.js';

/** The running notifications of one consent instance. */
export interface ConsentNotifications {
  readonly outbox: ConsentOutbox;
  readonly scheduler: ExpiryScheduler;
  /** Null when no receiver is configured. */
  readonly dispatcher: WebhookDispatcher | null;
  /** Stops both; attempts in flight are aborted and retried later (by this or another instance). */
  stop(): Promise<void>;
}

/** Starts the scheduler and, with receivers, the dispatcher. */
export function startConsentNotifications(options: {
  readonly outbox: ConsentOutbox;
  readonly config: ConsentNotificationConfig;
  /** The clock of expiry decisions. @default () => new Date() */
  readonly clock?: () => Date;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Jitter's random numbers (tests). @default Math.random */
  readonly random?: () => number;
}): ConsentNotifications {
  const { outbox, config, logger } = options;
  const metrics = createNotificationMetrics(options.metrics);
  const scheduler = createExpiryScheduler({
    outbox,
    clock: options.clock ?? (() => new Date()),
    expiringDays: config.expiringDays,
    metrics,
    logger,
  });
  scheduler.start(config.notifyTickMs);
  const dispatcher =
    config.webhookUrls.length === 0
      ? null
      : startWebhookDispatcher({
          outbox,
          urls: config.webhookUrls,
          secret: config.webhookSecret,
          timeoutMs: config.webhookTimeoutMs,
          retryBaseMs: config.webhookRetryBaseMs,
          retryMaxMs: config.webhookRetryMaxMs,
          maxAttempts: config.webhookMaxAttempts,
          maxAgeMs: config.webhookMaxAgeMs,
          pollMs: config.webhookPollMs,
          metrics,
          logger,
          random: options.random,
        });
  logger.info(
    { receivers: config.webhookUrls.length, expiringDays: config.expiringDays },
    'consent notifications started',
  );
  return {
    outbox,
    scheduler,
    dispatcher,
    async stop() {
      await Promise.all([scheduler.stop(), dispatcher?.stop()]);
    },
  };
}
