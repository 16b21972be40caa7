/**
 * Prometheus metrics (prom-client), one registry per process: GraphQL requests, latency,
 * errors, source calls by outcome and latency, cache hits/misses/errors. Served at /metrics.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RouteHandler } from './httpServer.js';
import { maskCpr } from './logger.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The metrics of one process. */
export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'operation'>;
  readonly requestDuration: Histogram<'operation'>;
  readonly errors: Counter<'code'>;
  readonly sourceCalls: Counter<'source' | 'outcome'>;
  readonly sourceDuration: Histogram<'source'>;
  readonly cacheOps: Counter<'cache' | 'result'>;
  readonly cacheDuration: Histogram<'cache' | 'op'>;
  readonly breakerState: Gauge<'source'>;
  readonly sourceRetries: Counter<'source' | 'reason'>;
}

/** Creates the registry and metrics of a service (`service` becomes a default label). */
export function createMetrics(service: string, options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'hoi_graphql_requests_total',
      help: 'GraphQL requests by operation name',
      labelNames: ['operation'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'hoi_graphql_request_duration_seconds',
      help: 'GraphQL request latency',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'hoi_graphql_errors_total',
      help: 'GraphQL errors by extensions.code',
      labelNames: ['code'],
      registers: [registry],
    }),
    sourceCalls: new Counter({
      name: 'hoi_source_calls_total',
      help: 'Source calls by outcome (ok, error, timeout, rejected)',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    sourceDuration: new Histogram({
      name: 'hoi_source_call_duration_seconds',
      help: 'Source call latency',
      labelNames: ['source'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    cacheOps: new Counter({
      name: 'hoi_cache_operations_total',
      help: 'Cache lookups by result (hit, miss, error)',
      labelNames: ['cache', 'result'],
      registers: [registry],
    }),
    cacheDuration: new Histogram({
      name: 'hoi_cache_operation_duration_seconds',
      help: 'Cache operation latency',
      labelNames: ['cache', 'op'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    breakerState: new Gauge({
      name: 'hoi_source_breaker_open',
      help: 'Source circuit breaker: 1 open (failing fast), 0.5 half-open (one trial call), 0 closed',
      labelNames: ['source'],
      registers: [registry],
    }),
    sourceRetries: new Counter({
      name: 'hoi_source_retries_total',
      help: 'Source call attempts retried, by the failure that caused the retry',
      labelNames: ['source', 'reason'],
      registers: [registry],
    }),
  };
}

/**
 * Metric families whose movement tells whether one citizen was just read (a cache hit right
 * after a look): left out of every `/metrics` answer (DESIGN §3b, no per-citizen oracle).
 */
export const READ_REVEALING_METRICS: readonly string[] = [
  'hoi_cache_operations_total',
  'hoi_cache_operation_duration_seconds',
];

/** Options of {@link metricsRoute}. */
export interface MetricsRouteOptions {
  /** When set, the route needs `Authorization: Bearer <token>` (else 401). */
  readonly token?: string;
  /** Metric names left out of the answer (e.g. counters that reveal what was just read). */
  readonly exclude?: readonly string[];
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The `/metrics` route. */
export function metricsRoute(metrics: Metrics, options: MetricsRouteOptions = {}): RouteHandler {
  const expected = options.token === undefined ? null : digest(`Bearer ${options.token}`);
  const exclude = new Set(options.exclude ?? []);
  return async (req, res) => {
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' });
      res.end('metrics need a bearer token\n');
      return;
    }
    let body: string;
    if (exclude.size === 0) body = await metrics.registry.metrics();
    else {
      const kept = metrics.registry.getMetricsAsArray().filter((m) => !exclude.has(m.name));
      const parts = await Promise.all(
        kept.map((m) => metrics.registry.getSingleMetricAsString(m.name)),
      );
      body = `${parts.join('\n\n')}\n`;
    }
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(body);
  };
}

/** Options of {@link metricsPlugin}. */
export interface MetricsPluginOptions {
  /**
   * The `operation` label of a request from its operation name (null: anonymous). Operation
   * names are client-chosen text: the gateway maps them onto a fixed set. @default the
   * operation's root fields (names from the schema, never client text), e.g. `_entities`
   */
  readonly operationLabel?: (operationName: string | null) => string;
}

/** The root field names of an operation, sorted: bounded by the schema, whatever the client sent. */
function rootFieldsLabel(operation: OperationDefinitionNode | undefined): string {
  if (!operation) return 'unknown';
  const names = new Set<string>();
  const collect = (set: SelectionSetNode): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet);
      else names.add('fragment');
    }
  };
  collect(operation.selectionSet);
  return maskCpr([...names].sort().join(',').slice(0, 64)) || 'unknown';
}

/** Counts requests, latency and errors of an Apollo Server. */
export function metricsPlugin<T extends BaseContext>(
  metrics: Metrics,
  options: MetricsPluginOptions = {},
): ApolloServerPlugin<T> {
  const label = options.operationLabel;
  return {
    async requestDidStart() {
      const end = metrics.requestDuration.startTimer();
      let operation = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: definition }) {
          operation = label ? label(operationName ?? null) : rootFieldsLabel(definition);
        },
        async didEncounterErrors({ errors }) {
          for (const e of errors)
            metrics.errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
        async willSendResponse() {
          metrics.requests.inc({ operation });
          end({ operation });
        },
      };
    },
  };
}
