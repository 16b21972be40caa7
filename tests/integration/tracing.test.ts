/**
 * Tracing end to end (issue 14, acceptance 4): the real gateway and subgraphs in this process
 * on free ports, HTTP sources reading simulators, every span exported to memory. One overview
 * makes one trace: the gateway's request and its phases, a fetch per subgraph, each
 * subgraph's server span under its fetch (the `traceparent` went over HTTP), a call per
 * source below those, consent's database work and the caches. No span name or attribute
 * holds the CPR, whichever form, or any other 10-digit run, even with the CPR in the
 * client's operation name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createDataset, sampleCitizens } from '@hoi/dataset';
import { type CitizenRecord, SECTOR_AREAS } from '@hoi/domain';
import { registerTracing, type Telemetry } from '@hoi/telemetry';
import { httpSources, startSimulators, type Simulators } from '../helpers/simulators.js';
import { startSystem, type System } from '../helpers/system.js';

const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let sims: Simulators;
let system: System;
let record: CitizenRecord;

const SUBGRAPHS = ['consent', 'cases', 'benefits', 'interventions', 'employment'] as const;
const SOURCES = [
  'consent-register',
  'case-index',
  'benefit-index',
  'intervention-index',
  'employment-dfdg',
] as const;

beforeAll(async () => {
  telemetry = await registerTracing(new SimpleSpanProcessor(exporter), 'tracing-test');
  sims = await startSimulators(createDataset({ seed: 7, citizens: 200 }));
  system = await startSystem({
    citizens: 200,
    cache: 'memory',
    sources: httpSources(sims, { timeoutMs: 2_000, retries: 0 }),
  });
  record = system.dataset.byCpr(sampleCitizens(system.dataset, 1)[0]!.cpr)!;
});

afterAll(async () => {
  await system?.stop();
  await sims?.close();
  await telemetry?.shutdown();
});

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('tracing', () => {
  it('follows one overview through gateway, subgraphs, sources, database and cache, CPR-free', async () => {
    const digits = record.cpr.replace('-', '');
    const dashed = `${digits.slice(0, 6)}-${digits.slice(6)}`;
    // A client may name its operation anything, a CPR included: it must not reach a span.
    const operationName = `Overview_${digits}`;
    const token = await system.token({
      role: 'caseworker',
      sub: 'cw-trace',
      areas: [...SECTOR_AREAS],
    });
    exporter.reset();
    const res = await system.query(
      `query ${operationName}($cpr: CPR!) {
        citizen(cpr: $cpr) { cpr consent { id } cases { id } benefits { id } interventions { id } employment { contactGroup } }
      }`,
      { cpr: record.cpr },
      token,
      operationName,
    );
    expect(res.errors).toBeUndefined();

    // Subgraph server spans end when their response has closed: a moment after the answer.
    const deadline = Date.now() + 2_000;
    const named = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name);
    while (SUBGRAPHS.some((s) => named(`subgraph.serve ${s}`).length === 0)) {
      if (Date.now() > deadline) throw new Error('subgraph server spans missing');
      await new Promise((r) => setTimeout(r, 10));
    }
    const spans = exporter.getFinishedSpans();

    const [request, ...moreRequests] = named('graphql.request');
    expect(request).toBeDefined();
    expect(moreRequests).toEqual([]);
    const traceId = request!.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(inTrace.map((s) => [s.spanContext().spanId, s]));
    const descends = (span: ReadableSpan, ancestor: ReadableSpan): boolean => {
      for (let p = parentOf(span); p; p = byId.get(p) && parentOf(byId.get(p)!)) {
        if (p === ancestor.spanContext().spanId) return true;
      }
      return false;
    };

    expect(parentOf(request!)).toBeUndefined();
    expect(request!.attributes['graphql.operation.type']).toBe('query');
    for (const phase of ['graphql.parse', 'graphql.validate', 'graphql.execute']) {
      expect(named(phase).map(parentOf), phase).toEqual([request!.spanContext().spanId]);
    }
    const execute = named('graphql.execute')[0]!;
    for (const subgraph of SUBGRAPHS) {
      const fetches = inTrace.filter((s) => s.name === `subgraph.fetch ${subgraph}`);
      expect(fetches.length, subgraph).toBeGreaterThan(0);
      for (const fetch of fetches) expect(parentOf(fetch)).toBe(execute.spanContext().spanId);
      const serves = inTrace.filter((s) => s.name === `subgraph.serve ${subgraph}`);
      expect(serves.length, subgraph).toBe(fetches.length);
      const fetchIds = fetches.map((f) => f.spanContext().spanId);
      for (const serve of serves) {
        expect(fetchIds).toContain(parentOf(serve));
        expect(serve.attributes['http.response.status_code']).toBe(200);
      }
    }
    for (const source of SOURCES) {
      const [call] = inTrace.filter((s) => s.name === `source.call ${source}`);
      expect(call, source).toBeDefined();
      expect(call!.attributes).toMatchObject({ 'hoi.source': source, 'hoi.count': 1 });
      expect(call!.attributes['http.response.status_code']).toBe(200);
      expect(inTrace.some((s) => s.name.startsWith('subgraph.serve') && descends(call!, s))).toBe(
        true,
      );
    }
    const consentServe = inTrace.find((s) => s.name === 'subgraph.serve consent')!;
    const db = inTrace.filter((s) => s.name.startsWith('db.') && descends(s, consentServe));
    expect(db.length).toBeGreaterThan(0);
    expect(db.every((s) => s.attributes['db.system'] === 'postgresql')).toBe(true);
    // The audit row of the read (an insert), among them.
    expect(db.some((s) => s.attributes['db.operation.name'] === 'insert')).toBe(true);
    const cache = inTrace.filter((s) => s.name.startsWith('cache.'));
    expect(cache.length).toBeGreaterThan(0);
    expect(cache.every((s) => s.attributes['hoi.cache.store'] === 'memory')).toBe(true);

    // Nothing outside the trace: every span of the request is in it.
    expect(spans.filter((s) => s.spanContext().traceId !== traceId).map((s) => s.name)).toEqual([]);
    // No CPR, in either form, nor any 10-digit run, in a name or an attribute of any span.
    const texts = spans.flatMap((s) => [
      s.name,
      ...Object.entries(s.attributes).flatMap(([k, v]) => [k, String(v)]),
    ]);
    for (const text of texts) {
      expect(text).not.toContain(digits);
      expect(text).not.toContain(dashed);
      expect(text).not.toMatch(/\d{10}/);
    }
  });
});
