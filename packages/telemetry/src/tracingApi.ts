/**
 * The OpenTelemetry API, once tracing is on. Off (the default), the span helpers never touch
 * it: each returns after one check, without a no-op tracer, span or context lookup, and this
 * package loads none of OpenTelemetry (prom-client and @apollo/gateway load the API anyway,
 * for their own purposes). Internal: not exported from the package.
 */
import type * as OtelApi from '@opentelemetry/api';

/** The loaded API module. */
export type TracingApi = typeof OtelApi;

let loaded: TracingApi | undefined;

/** The API while a provider is registered; undefined while tracing is off. */
export function tracingApi(): TracingApi | undefined {
  return loaded;
}

/** Loads the API (registerTracing, before it registers a provider). */
export async function loadTracingApi(): Promise<TracingApi> {
  loaded ??= await import('@opentelemetry/api');
  return loaded;
}

/**
 * Tracing off again (after a provider's shutdown): the global provider, context manager and
 * propagator are unregistered and the helpers return to their no-op path. Test workers share
 * one process between files, so a test that turns tracing on must leave it off.
 */
export function unloadTracingApi(): void {
  if (!loaded) return;
  loaded.trace.disable();
  loaded.context.disable();
  loaded.propagation.disable();
  loaded = undefined;
}
