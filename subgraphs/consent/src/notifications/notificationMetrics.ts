/**
 * The consent notifications' metrics, in the consent subgraph's registry. Receivers are
 * labelled by their index in CONSENT_WEBHOOK_URLS and their host: never a path or query
 * string (a URL may carry a token), never a CPR.
 */
import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '@hoi/platform';

type Registry = Metrics['registry'];

/** Outcomes of one delivery attempt. */
export type DeliveryOutcome = 'delivered' | 'failed_attempt' | 'gave_up';

/** The metrics the dispatcher and scheduler keep. */
export interface NotificationMetrics {
  /** Delivery attempts by receiver and outcome. */
  readonly deliveries: Counter<'receiver' | 'host' | 'outcome'>;
  /** PENDING deliveries per receiver (refreshed by the dispatcher). */
  readonly pending: Gauge<'receiver' | 'host'>;
  /** Events recorded by the expiry scheduler, by type. */
  readonly expiryEvents: Counter<'type'>;
}

/** The metric `name` of the registry, made by `create` unless there (a registry may be shared in tests). */
function metric<T>(registry: Registry, name: string, create: (name: string) => T): T {
  const existing: unknown = registry.getSingleMetric(name);
  return existing === undefined ? create(name) : (existing as T);
}

/** The notification metrics in `metrics`' registry. */
export function createNotificationMetrics(metrics: Metrics): NotificationMetrics {
  const registry = metrics.registry;
  return {
    deliveries: metric(
      registry,
      'hoi_consent_webhook_deliveries_total',
      (name) =>
        new Counter({
          name,
          help: 'Consent webhook delivery attempts by receiver (index in CONSENT_WEBHOOK_URLS, host) and outcome (delivered, failed_attempt, gave_up)',
          labelNames: ['receiver', 'host', 'outcome'] as const,
          registers: [registry],
        }),
    ),
    pending: metric(
      registry,
      'hoi_consent_webhook_pending',
      (name) =>
        new Gauge({
          name,
          help: 'Consent webhook deliveries neither delivered nor given up, by receiver',
          labelNames: ['receiver', 'host'] as const,
          registers: [registry],
        }),
    ),
    expiryEvents: metric(
      registry,
      'hoi_consent_expiry_events_total',
      (name) =>
        new Counter({
          name,
          help: 'EXPIRING and EXPIRED consent events recorded by this instance',
          labelNames: ['type'] as const,
          registers: [registry],
        }),
    ),
  };
}
