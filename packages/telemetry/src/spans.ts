/**
 * Manual spans. While tracing is off (the default: see startTelemetry) every helper here
 * runs the work as it is, without loading the OpenTelemetry API.
 *
 * What a span may carry is closed (DESIGN §4: no CPR anywhere outside the data itself): a
 * span name is a fixed string, at most suffixed with a configured subgraph or source name,
 * and attributes come from {@link SPAN_ATTRIBUTE_KEYS} only, with values the code chose (a
 * name from the configuration, a status, a count), never a key, a URL with a query, a
 * variable or anything a client chose. The exporting processor enforces the key set again
 * (privacySpanProcessor).
 */
import type { Context, Tracer } from '@opentelemetry/api';
import { type TracingApi, tracingApi } from './tracingApi.js';

/** The instrumentation scope of every span of ours. */
export const TRACER_NAME = '@hoi/telemetry';

/** The only attribute keys a span of ours may carry. */
export const SPAN_ATTRIBUTE_KEYS = [
  'hoi.subgraph',
  'hoi.source',
  'hoi.outcome',
  'hoi.count',
  'hoi.hits',
  'hoi.errors',
  'hoi.cache.store',
  'graphql.operation.type',
  'http.response.status_code',
  'db.system',
  'db.operation.name',
] as const;

/** An attribute key of ours. */
export type SpanAttributeKey = (typeof SPAN_ATTRIBUTE_KEYS)[number];

/** Attributes from the closed set. */
export type SpanAttributes = Partial<Record<SpanAttributeKey, string | number | boolean>>;

/**
 * Span names: fixed, or a fixed prefix and a configured subgraph or source name (never a
 * client's operation name, a key or a URL).
 */
export type SpanName =
  | 'graphql.request'
  | 'graphql.parse'
  | 'graphql.validate'
  | 'graphql.execute'
  | `subgraph.fetch ${string}`
  | `subgraph.serve ${string}`
  | `source.call ${string}`
  | 'db.query'
  | 'db.transaction'
  | 'cache.get'
  | 'cache.set'
  | 'cache.delete'
  | 'cache.increment';

/** A span's kind: a request we serve, a call we make, or work inside either. */
export type SpanRole = 'internal' | 'server' | 'client';

const kindOf = (api: TracingApi, role: SpanRole = 'internal') =>
  role === 'server'
    ? api.SpanKind.SERVER
    : role === 'client'
      ? api.SpanKind.CLIENT
      : api.SpanKind.INTERNAL;

/** The tracer of every span of ours; undefined while tracing is off. */
export function tracer(): Tracer | undefined {
  return tracingApi()?.trace.getTracer(TRACER_NAME);
}

/** Options of {@link withSpan}. */
export interface WithSpanOptions {
  /** @default 'internal' */
  readonly kind?: SpanRole;
  /** The parent context instead of the active one. @default the active context */
  readonly parent?: Context;
  /**
   * Only a child: without an active span, `fn` runs untraced. For frequent low-level work
   * (cache, database) that would otherwise start traces of its own in background work.
   * @default false
   */
  readonly childOnly?: boolean;
}

/**
 * Runs `fn` in a new active span and ends it when `fn` settles: `hoi.outcome` is `ok` or
 * `error`, and a failure sets the status to ERROR without its message (a message may quote
 * data).
 */
export async function withSpan<T>(
  name: SpanName,
  attributes: SpanAttributes,
  fn: () => Promise<T>,
  options: WithSpanOptions = {},
): Promise<T> {
  const api = tracingApi();
  if (!api) return fn();
  const parent = options.parent ?? api.context.active();
  if (options.childOnly && !api.trace.getSpan(parent)?.isRecording()) return fn();
  const span = api.trace
    .getTracer(TRACER_NAME)
    .startSpan(name, { kind: kindOf(api, options.kind), attributes }, parent);
  try {
    const result = await api.context.with(api.trace.setSpan(parent, span), fn);
    span.setAttribute('hoi.outcome', 'ok');
    return result;
  } catch (error) {
    span.setAttribute('hoi.outcome', 'error');
    span.setStatus({ code: api.SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** A started span, the context to start its children in, and its end. */
export interface StartedSpan {
  /** The parent context with this span active. */
  readonly context: Context;
  setAttributes(attributes: SpanAttributes): void;
  /** Ends the span with its outcome (and any last attributes). */
  end(outcome: 'ok' | 'error', attributes?: SpanAttributes): void;
}

/**
 * Starts a span without making it active, for work that begins and ends in separate
 * callbacks (plugin hooks); `root` starts a new trace whatever is active. Undefined while
 * tracing is off.
 */
export function startSpan(
  name: SpanName,
  attributes: SpanAttributes,
  options: { readonly kind?: SpanRole; readonly parent?: Context; readonly root?: boolean } = {},
): StartedSpan | undefined {
  const api = tracingApi();
  if (!api) return undefined;
  const parent = options.root ? api.ROOT_CONTEXT : (options.parent ?? api.context.active());
  const span = api.trace
    .getTracer(TRACER_NAME)
    .startSpan(
      name,
      { kind: kindOf(api, options.kind), attributes, root: options.root ?? false },
      parent,
    );
  if (!span.isRecording()) return undefined;
  return {
    context: api.trace.setSpan(parent, span),
    setAttributes: (more) => void span.setAttributes(more),
    end(outcome, more = {}) {
      span.setAttributes({ ...more, 'hoi.outcome': outcome });
      if (outcome === 'error') span.setStatus({ code: api.SpanStatusCode.ERROR });
      span.end();
    },
  };
}

/** Sets attributes from the closed set on the active span (none: nothing). */
export function setActiveSpanAttributes(attributes: SpanAttributes): void {
  tracingApi()?.trace.getActiveSpan()?.setAttributes(attributes);
}

/**
 * Writes the active context's propagation headers (W3C `traceparent`, and `tracestate` when
 * there is one) into `headers`. Nothing is written while tracing is off.
 */
export function injectTraceHeaders(headers: Record<string, string>): void {
  const api = tracingApi();
  api?.propagation.inject(api.context.active(), headers);
}

/**
 * The active span's ids for a log line (`trace_id`, `span_id`); empty without one. A new
 * object each call: pino's `mixin` merges the line's fields into what it returns.
 */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = tracingApi()?.trace.getActiveSpan();
  if (!span?.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

export type { Context };
