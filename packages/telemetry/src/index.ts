/** @hoi/telemetry: OpenTelemetry tracing, off unless the standard OTEL_* variables ask for an exporter. */
export * from './httpServerSpans.js';
export * from './privacySpanProcessor.js';
export * from './spans.js';
export * from './startTelemetry.js';
