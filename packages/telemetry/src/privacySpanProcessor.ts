/**
 * The exporting side's guard (DESIGN §4): only spans of ours leave the process, and only
 * with attributes from the closed key set.
 */
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SPAN_ATTRIBUTE_KEYS, TRACER_NAME } from './spans.js';

const ALLOWED = new Set<string>(SPAN_ATTRIBUTE_KEYS);

/**
 * Wraps the processor that exports. Spans of other instrumentation scopes are dropped:
 * @apollo/gateway traces its own phases whenever a provider is registered, with the client's
 * operation name as an attribute (a client may put anything there, a CPR included), and
 * outside the request's context (its spans would start traces of their own); our gateway
 * plugin traces the same phases. On our spans, an attribute outside the key set and span
 * events (an exception event quotes its message) are removed before export.
 */
export function privacySpanProcessor(inner: SpanProcessor): SpanProcessor {
  return {
    onStart(span: Span, parentContext: Context) {
      if (span.instrumentationScope.name === TRACER_NAME) inner.onStart(span, parentContext);
    },
    onEnd(span: ReadableSpan) {
      if (span.instrumentationScope.name !== TRACER_NAME) return;
      for (const key of Object.keys(span.attributes)) {
        if (!ALLOWED.has(key)) delete span.attributes[key];
      }
      span.events.length = 0;
      inner.onEnd(span);
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
  };
}
