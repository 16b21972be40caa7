/**
 * Tracing is off unless the standard OTEL_* variables ask for an exporter: with none set,
 * startTelemetry registers nothing, loads no OpenTelemetry module, and the span helpers just
 * run their work.
 */
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@hoi/platform';
import {
  injectTraceHeaders,
  registerTracing,
  startSpan,
  startTelemetry,
  telemetrySettings,
  traceLogFields,
  tracer,
  withSpan,
} from '@hoi/telemetry';

describe('startTelemetry', () => {
  it('starts nothing without OTEL_* variables: no tracer, no span, no header', async () => {
    const telemetry = await startTelemetry('test', {});
    expect(telemetry.enabled).toBe(false);
    expect(tracer()).toBeUndefined();
    expect(startSpan('graphql.request', {}, { root: true })).toBeUndefined();
    await expect(withSpan('db.query', {}, async () => 42)).resolves.toBe(42);
    const headers: Record<string, string> = {};
    injectTraceHeaders(headers);
    expect(headers).toEqual({});
    expect(traceLogFields()).toEqual({});
    // pino merges each line's fields into what its mixin returns.
    expect(() => Object.assign(traceLogFields(), { msg: 'x' })).not.toThrow();
  });

  it('starts nothing when OTEL_SDK_DISABLED is true, whatever else is set', async () => {
    const telemetry = await startTelemetry('test', {
      OTEL_SDK_DISABLED: 'true',
      OTEL_TRACES_EXPORTER: 'console',
    });
    expect(telemetry.enabled).toBe(false);
    expect(tracer()).toBeUndefined();
  });
});

describe('registerTracing', () => {
  it('records spans until shut down, then leaves tracing off again', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = await registerTracing(new SimpleSpanProcessor(exporter), 'test');
    const headers: Record<string, string> = {};
    const lines: string[] = [];
    const logger = createLogger('test', {
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    await withSpan('source.call case-index', { 'hoi.source': 'case-index' }, async () => {
      injectTraceHeaders(headers);
      logger.info('inside');
    });
    logger.info('outside');
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(outside).not.toHaveProperty('trace_id');
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['source.call case-index']);
    await telemetry.shutdown();
    expect(tracer()).toBeUndefined();
    await withSpan('db.query', {}, async () => undefined);
    expect(startSpan('graphql.request', {}, { root: true })).toBeUndefined();
  });
});

describe('telemetrySettings', () => {
  it('reads the exporters the standard variables ask for, and none by default', () => {
    expect(telemetrySettings({}).exporters).toEqual([]);
    expect(telemetrySettings({ OTEL_TRACES_EXPORTER: 'none' }).exporters).toEqual([]);
    expect(telemetrySettings({ OTEL_TRACES_EXPORTER: 'console' }).exporters).toEqual(['console']);
    expect(telemetrySettings({ OTEL_TRACES_EXPORTER: 'otlp, console' }).exporters).toEqual([
      'otlp',
      'console',
    ]);
    expect(
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).exporters,
    ).toEqual(['otlp']);
    expect(
      telemetrySettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })
        .exporters,
    ).toEqual(['otlp']);
    expect(
      telemetrySettings({
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      }).exporters,
    ).toEqual([]);
  });
});
