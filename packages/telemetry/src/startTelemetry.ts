/**
 * Starts the OpenTelemetry SDK when, and only when, the standard variables ask for an
 * exporter. Off by default: no provider is registered, neither the SDK nor the API is loaded
 * (start-up time), nothing goes over the network, and every span helper just runs its work.
 */
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { privacySpanProcessor } from './privacySpanProcessor.js';
import { loadTracingApi, unloadTracingApi } from './tracingApi.js';

/** The exporters tracing may use. */
export type TraceExporterName = 'otlp' | 'console';

/** Where spans would go, read from the standard OTEL_* variables. */
export interface TelemetrySettings {
  /** The exporters asked for; empty when tracing is off. */
  readonly exporters: readonly TraceExporterName[];
}

/**
 * Reads the standard variables: `OTEL_SDK_DISABLED=true` turns everything off;
 * `OTEL_TRACES_EXPORTER` lists exporters (`otlp`, `console`; `none` and anything else add
 * nothing); without it, an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) means `otlp`. Nothing set: off. (The spec's default
 * exporter is `otlp`; ours is none, so that an unconfigured process sends nothing anywhere.)
 */
export function telemetrySettings(env: NodeJS.ProcessEnv): TelemetrySettings {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { exporters: [] };
  const listed = env.OTEL_TRACES_EXPORTER?.trim();
  if (listed) {
    const names = listed.split(',').map((n) => n.trim().toLowerCase());
    return {
      exporters: (['otlp', 'console'] as const).filter((name) => names.includes(name)),
    };
  }
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return { exporters: endpoint ? ['otlp'] : [] };
}

/** A started (or not) telemetry SDK. */
export interface Telemetry {
  /** Whether a provider was registered. */
  readonly enabled: boolean;
  /** Turns tracing off again, then flushes the spans still buffered and stops exporting. */
  shutdown(): Promise<void>;
}

const OFF: Telemetry = Object.freeze({ enabled: false, shutdown: async () => {} });

/**
 * Registers a NodeTracerProvider globally (AsyncLocalStorage context, W3C trace context and
 * baggage propagation) whose spans go through `processor`, behind privacySpanProcessor.
 * `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` override `serviceName`; the sampler
 * (`OTEL_TRACES_SAMPLER`) and span limits come from the SDK's own env handling. Tests call it
 * with an in-memory exporter's processor.
 */
export async function registerTracing(
  processor: SpanProcessor,
  serviceName: string,
): Promise<Telemetry> {
  const [{ NodeTracerProvider }, { detectResources, envDetector, resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/resources'),
    ]);
  const resource = resourceFromAttributes({ 'service.name': serviceName }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [privacySpanProcessor(processor)],
  });
  provider.register();
  // Only now: the helpers stay on their no-op path until a provider is there.
  await loadTracingApi();
  return {
    enabled: true,
    async shutdown() {
      unloadTracingApi();
      await provider.shutdown();
    },
  };
}

/**
 * Call first thing in a service's entry, with `process.env`. Starts exporting when the variables ask for it
 * (see telemetrySettings): `otlp` as OTLP/HTTP with JSON bodies (endpoint, headers, timeout from
 * `OTEL_EXPORTER_OTLP_*`), `console` to stdout, each through a batch processor
 * (`OTEL_BSP_*`). Otherwise it loads nothing and returns at once.
 */
export async function startTelemetry(
  serviceName: string,
  env: NodeJS.ProcessEnv,
): Promise<Telemetry> {
  const { exporters } = telemetrySettings(env);
  if (exporters.length === 0) return OFF;
  const { BatchSpanProcessor, ConsoleSpanExporter } = await import('@opentelemetry/sdk-trace-base');
  const processors: SpanProcessor[] = [];
  if (exporters.includes('otlp')) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  if (exporters.includes('console')) {
    processors.push(new BatchSpanProcessor(new ConsoleSpanExporter()));
  }
  const [only] = processors;
  const processor: SpanProcessor =
    processors.length === 1 && only
      ? only
      : {
          onStart: (span, ctx) => processors.forEach((p) => p.onStart(span, ctx)),
          onEnd: (span) => processors.forEach((p) => p.onEnd(span)),
          forceFlush: async () => void (await Promise.all(processors.map((p) => p.forceFlush()))),
          shutdown: async () => void (await Promise.all(processors.map((p) => p.shutdown()))),
        };
  return registerTracing(processor, serviceName);
}
