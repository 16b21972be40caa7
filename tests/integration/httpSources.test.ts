/**
 * Sources over HTTP (issue 5): the real gateway and subgraphs, in-process on free ports, read
 * every source over HTTP from source simulators (one per source, so one can be taken down
 * alone). One system for all of it, since starting one costs seconds.
 * - Faults (acceptance 1), for each fault and each source: the answer is partial (that
 *   source's field empty, a SOURCE_UNAVAILABLE error with the source name and the path), the
 *   other sources' data is correct, the breaker opens, and once the source is healthy again
 *   the system recovers by itself (the breaker closes).
 * - Parallel fan-out (acceptance 2; DESIGN §9): the consent register is called first, then
 *   the four indexes at once, counted at the simulators (requests in flight). What the
 *   latency adds is a figure of the bench (bench/run.ts), not a test.
 * - `/ready` and `/metrics` (acceptance 4; DESIGN §7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset, sampleCitizens } from '@hoi/dataset';
import { type CitizenRecord, SECTOR_AREAS } from '@hoi/domain';
import type { Faults } from '@hoi/simulator';
import { SOURCE_NAMES, type SourceName } from '@hoi/sources';
import { findSamples as find, parsePrometheus, type Sample } from '../helpers/prometheus.js';
import {
  httpSources,
  metricValue,
  SOURCE_OF,
  startSimulators,
  watchSourceRequests,
  type Simulators,
  type SourceEvent,
  type SourceSubgraph as SubgraphName,
} from '../helpers/simulators.js';
import { startSystem, type GraphQLResponse, type System } from '../helpers/system.js';

const OVERVIEW = /* GraphQL */ `
  query Overview($cpr: CPR!) {
    citizen(cpr: $cpr) {
      cpr
      access {
        area
        visible
        basis
      }
      consent {
        id
        status
      }
      cases {
        id
        title
        area
        kle
        status
        openedAt
        closedAt
        sourceSystem
      }
      benefits {
        id
        name
        area
        status
        period {
          start
          end
        }
      }
      interventions {
        id
        title
        area
        legalBasis
        status
        period {
          start
          end
        }
      }
      employment {
        contactGroup
        visitation
        jobGoals
      }
    }
  }
`;

/**
 * Small budgets so that every fault costs little time, with room for a loaded machine (the
 * suite runs three files at once on two cores): at 200 ms a healthy source's answer sometimes
 * came too late, and at a 100 ms reset the breaker was read half-open already. The latency
 * fault (1 s) stays well beyond the budget.
 */
const TIMEOUT_MS = 600;
const RESET_MS = 300;

const SUBGRAPHS: readonly SubgraphName[] = [
  'consent',
  'cases',
  'benefits',
  'interventions',
  'employment',
];

let sims: Simulators;
let system: System;
let token: string;
let record: CitizenRecord;

/** The overview of `record` as the contract answers it, with every area visible. */
function expectedOverview(c: CitizenRecord) {
  return {
    cpr: c.cpr,
    access: SECTOR_AREAS.map((area) => ({ area, visible: true, basis: 'OWN_AUTHORITY' })),
    consent:
      c.consents.length > 0 ? { id: c.consents.at(-1)!.id, status: expect.any(String) } : null,
    cases: c.cases.map(({ id, title, area, kle, status, openedAt, closedAt, sourceSystem }) => ({
      id,
      title,
      area,
      kle,
      status,
      openedAt,
      closedAt,
      sourceSystem,
    })),
    benefits: c.benefits.map((b) => ({
      id: b.id,
      name: b.name,
      area: b.area,
      status: b.status,
      period: { start: b.start, end: b.end },
    })),
    interventions: c.interventions.map((i) => ({
      id: i.id,
      title: i.title,
      area: i.area,
      legalBasis: i.legalBasis,
      status: i.status,
      period: { start: i.start, end: i.end },
    })),
    employment: c.employment && {
      contactGroup: c.employment.contactGroup,
      visitation: c.employment.visitation,
      jobGoals: c.employment.jobGoals,
    },
  };
}

/** The field of the overview each subgraph fills, and its empty value. */
const FIELD_OF: Readonly<Record<SubgraphName, { field: string; empty: null | [] }>> = {
  consent: { field: 'consent', empty: null },
  cases: { field: 'cases', empty: [] },
  benefits: { field: 'benefits', empty: [] },
  interventions: { field: 'interventions', empty: [] },
  employment: { field: 'employment', empty: null },
};

const overview = () => system.query(OVERVIEW, { cpr: record.cpr }, token, 'Overview');

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not recovered within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}

beforeAll(async () => {
  // The simulators serve the same dataset as the system's (same seed and size).
  sims = await startSimulators(createDataset({ seed: 7, citizens: 2000 }));
  system = await startSystem({
    sources: httpSources(sims, {
      timeoutMs: TIMEOUT_MS,
      retries: 2,
      backoff: { baseMs: 5, maxMs: 20 },
      // Open on the first failure: any failure share above 1 % of the (short) window.
      breaker: {
        resetTimeoutMs: RESET_MS,
        errorThresholdPercentage: 1,
        volumeThreshold: 1,
        windowMs: 1_000,
      },
    }),
  });
  record = system.dataset.byCpr(sampleCitizens(system.dataset, 1)[0]!.cpr)!;
  token = await system.token({ role: 'caseworker', sub: 'cw-faults', areas: [...SECTOR_AREAS] });
  expect(
    record.cases.length && record.benefits.length && record.employment && record.consents.length,
  ).toBeTruthy();
});

afterAll(async () => {
  await system?.stop();
  await sims?.close();
});

describe('http sources', () => {
  it('answer the whole overview, the same as the embedded dataset, one call per source', async () => {
    const before = SUBGRAPHS.map((name) => system.sources[name].calls);
    const res = await overview();
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ citizen: expectedOverview(record) });
    SUBGRAPHS.forEach((name, i) => expect(system.sources[name].calls - before[i]!, name).toBe(1));
  });
});

const LATENCY_MS = 20;
const RUNS = 15;

/** The most source requests in flight at once. */
function mostInFlight(events: readonly SourceEvent[]): number {
  let now = 0;
  let most = 0;
  for (const e of events) most = Math.max(most, (now += e.kind === 'start' ? 1 : -1));
  return most;
}

describe('the uncached overview', () => {
  it('calls the consent register first, then the four indexes at once (the fan-out is parallel)', async () => {
    const query =
      'query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cpr consent { id } cases { id } benefits { id } interventions { id } employment { contactGroup } } }';
    // Counted at the simulators, not timed (the latency figures are bench/run.ts's): with every
    // source answering after LATENCY_MS, calls sent together are in flight together, and calls
    // made one after another never are. A different citizen every run, and no cache: every
    // overview calls all five sources.
    const watch = watchSourceRequests(sims);
    const before = system.sources.cases.calls;
    const runs: SourceEvent[][] = [];
    await sims.setAllFaults({ latencyMs: LATENCY_MS });
    try {
      for (let i = 0; i < RUNS; i++) {
        watch.take();
        const res = await system.query(
          query,
          { cpr: system.dataset.cprAt(i * 7) },
          token,
          'Overview',
        );
        expect(res.errors).toBeUndefined();
        runs.push(watch.take());
      }
    } finally {
      watch.stop();
      await sims.setAllFaults({});
    }
    expect(system.sources.cases.calls - before).toBe(RUNS);
    for (const events of runs) {
      const started = events.filter((e) => e.kind === 'start').map((e) => e.source);
      expect(started.sort()).toEqual([...SOURCE_NAMES].sort());
      // Consent first: its answer is sent before any index is asked (the plan's first hop).
      const consentEnd = events.findIndex(
        (e) => e.source === 'consent-register' && e.kind === 'end',
      );
      const firstIndex = events.findIndex(
        (e) => e.source !== 'consent-register' && e.kind === 'start',
      );
      expect(consentEnd).toBeGreaterThanOrEqual(0);
      expect(consentEnd).toBeLessThan(firstIndex);
    }
    // Then the four indexes together: in series at most one would ever be in flight. (The
    // most over all runs, so that one run stalled by a busy machine does not decide it.)
    expect(Math.max(...runs.map(mostInFlight))).toBe(4);
  });
});

type Fault = { readonly faults: Partial<Faults> } | 'refuse';
const FAULTS: readonly (readonly [string, Fault, string])[] = [
  ['latency beyond the timeout', { faults: { latencyMs: 1_000 } }, 'TIMEOUT'],
  ['HTTP 500', { faults: { errorRate: 1, errorStatus: 500 } }, 'HTTP_STATUS'],
  ['HTTP 503', { faults: { errorRate: 1, errorStatus: 503 } }, 'HTTP_STATUS'],
  ['connection refused', 'refuse', 'CONNECTION'],
  ['connection reset mid-body', { faults: { resetRate: 1 } }, 'CONNECTION'],
  ['malformed JSON', { faults: { malformedRate: 1 } }, 'MALFORMED'],
  ['wrong shape', { faults: { wrongShapeRate: 1 } }, 'MALFORMED'],
];
async function inject(source: SourceName, fault: Fault) {
  if (fault === 'refuse') await sims.refuse(source);
  else await sims.setFaults(source, fault.faults);
}
async function heal(source: SourceName, fault: Fault) {
  if (fault === 'refuse') await sims.restore(source);
  else await sims.heal(source);
}

function expectPartial(res: GraphQLResponse, subgraph: SubgraphName, reasons: readonly string[]) {
  const { field, empty } = FIELD_OF[subgraph];
  expect(res.status).toBe(200);
  expect(res.data).toEqual({ citizen: { ...expectedOverview(record), [field]: empty } });
  expect(res.errors).toHaveLength(1);
  const [error] = res.errors!;
  expect(error).toMatchObject({
    path: ['citizen', field],
    extensions: { code: 'SOURCE_UNAVAILABLE', source: SOURCE_OF[subgraph], serviceName: subgraph },
  });
  expect(reasons).toContain(error!.extensions!.reason);
}

describe.each(FAULTS)('%s', (_name, fault, reason) => {
  it.each(SUBGRAPHS)(
    'of the %s source: partial answer, breaker opens, then recovers by itself',
    async (subgraph) => {
      const source = SOURCE_OF[subgraph];
      const breaker = () =>
        metricValue(system.metrics[subgraph], 'hoi_source_breaker_open', { source });
      await inject(source, fault);
      try {
        const started = Date.now();
        expectPartial(await overview(), subgraph, [reason]);
        // Bounded by the source's time budget, whatever the fault.
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1_000);
        expect(await breaker()).toBe(1);
        // While open, the breaker fails fast without calling the source.
        expectPartial(await overview(), subgraph, [reason, 'CIRCUIT_OPEN']);
      } finally {
        await heal(source, fault);
      }
      await eventually(async () => (await overview()).errors === undefined, 5_000);
      expect(await breaker()).toBe(0);
      expect((await overview()).data).toEqual({ citizen: expectedOverview(record) });
    },
  );
});

describe('a failing consent register', () => {
  it('fails closed: areas only a consent opens read as not visible, with an error saying why', async () => {
    const active = sampleCitizens(system.dataset, 200)
      .map((s) => system.dataset.byCpr(s.cpr)!)
      .find((c) =>
        c.consents.some(
          (k) =>
            k.status === 'ACTIVE' &&
            k.validUntil > new Date().toISOString().slice(0, 10) &&
            k.areas.includes('HEALTH'),
        ),
      );
    expect(active).toBeDefined();
    const employmentOnly = await system.token({
      role: 'caseworker',
      sub: 'cw-employment',
      areas: ['EMPLOYMENT'],
    });
    const query =
      '{ citizen(cpr: "CPR") { access { area visible basis } consent { status } cases { area } } }'.replace(
        'CPR',
        active!.cpr,
      );
    const healthy = await system.query(query, undefined, employmentOnly);
    expect(healthy.errors).toBeUndefined();
    const health = (r: GraphQLResponse) =>
      (r.data!.citizen as { access: { area: string; visible: boolean }[] }).access.find(
        (a) => a.area === 'HEALTH',
      );
    expect(health(healthy)).toMatchObject({ visible: true });

    await sims.setFaults('consent-register', { errorRate: 1 });
    try {
      const degraded = await system.query(query, undefined, employmentOnly);
      expect(health(degraded)).toEqual({ area: 'HEALTH', visible: false, basis: 'NONE' });
      const cases = (degraded.data!.citizen as { cases: { area: string }[] }).cases;
      expect(cases.every((c) => c.area === 'EMPLOYMENT')).toBe(true);
      expect((degraded.data!.citizen as { consent: unknown }).consent).toBeNull();
      expect(
        degraded.errors
          ?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.source])
          .sort(),
      ).toEqual([
        ['citizen.access', 'SOURCE_UNAVAILABLE', 'consent-register'],
        ['citizen.consent', 'SOURCE_UNAVAILABLE', 'consent-register'],
      ]);
    } finally {
      await sims.heal('consent-register');
    }
    await eventually(
      async () => health(await system.query(query, undefined, employmentOnly))?.visible === true,
      5_000,
    );
  });
});

describe('many citizens with a failing source', () => {
  it('answers every citizen, each with its own error path, in one source call per subgraph', async () => {
    const cprs = sampleCitizens(system.dataset, 3).map((s) => s.cpr);
    await sims.setFaults('benefit-index', { errorRate: 1 });
    try {
      const before = system.sources.benefits.calls;
      const res = await system.query(
        'query($cprs: [CPR!]!) { citizens(cprs: $cprs) { cpr cases { id } benefits { id } } }',
        { cprs },
        token,
      );
      const citizens = res.data!.citizens as {
        cpr: string;
        cases: unknown[];
        benefits: unknown[];
      }[];
      expect(citizens.map((c) => c.cpr)).toEqual(cprs);
      expect(citizens.every((c) => c.benefits.length === 0)).toBe(true);
      expect(citizens.map((c) => c.cases.length)).toEqual(
        cprs.map((cpr) => system.dataset.byCpr(cpr)!.cases.length),
      );
      expect(res.errors?.map((e) => e.path)).toEqual(
        [0, 1, 2].map((i) => ['citizens', i, 'benefits']),
      );
      expect(system.sources.benefits.calls - before).toBe(1);
    } finally {
      await sims.heal('benefit-index');
    }
    await new Promise((r) => setTimeout(r, RESET_MS + 50));
  });
});

const base = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

async function ready(
  graphqlUrl: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base(graphqlUrl)}/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('/ready', () => {
  it('stays true with one source down, turns false while all are, and true again after', async () => {
    expect((await ready(system.url)).status).toBe(200);
    expect((await ready(system.subgraphUrls.cases)).body).toEqual({
      ready: true,
      service: 'cases',
      sources: { 'case-index': true },
    });
    expect((await ready(system.subgraphUrls.consent)).body).toEqual({
      ready: true,
      service: 'consent',
      store: true,
      sources: { 'consent-register': true },
    });

    await sims.refuse('case-index');
    expect(await ready(system.subgraphUrls.cases)).toEqual({
      status: 503,
      body: { ready: false, service: 'cases', sources: { 'case-index': false } },
    });
    // Answers are partial, not impossible: the gateway stays in service.
    expect(await ready(system.url)).toMatchObject({
      status: 200,
      body: {
        ready: true,
        subgraphs: {
          consent: true,
          cases: false,
          benefits: true,
          interventions: true,
          employment: true,
        },
      },
    });

    for (const source of SOURCE_NAMES) if (source !== 'case-index') await sims.refuse(source);
    const down = await ready(system.url);
    expect(down.status).toBe(503);
    expect(down.body.ready).toBe(false);
    for (const name of SUBGRAPHS)
      expect((await ready(system.subgraphUrls[name])).status, name).toBe(503);

    for (const source of SOURCE_NAMES) await sims.restore(source);
    expect(await ready(system.url)).toMatchObject({
      status: 200,
      body: {
        ready: true,
        subgraphs: {
          consent: true,
          cases: true,
          benefits: true,
          interventions: true,
          employment: true,
        },
      },
    });
  });

  it('treats a source that drops every connection as unreachable', async () => {
    await sims.setFaults('employment-dfdg', { down: true });
    try {
      expect((await ready(system.subgraphUrls.employment)).status).toBe(503);
    } finally {
      await sims.heal('employment-dfdg');
    }
    expect((await ready(system.subgraphUrls.employment)).status).toBe(200);
    await new Promise((r) => setTimeout(r, RESET_MS + 50));
  });
});

async function scrape(graphqlUrl: string): Promise<Sample[]> {
  const res = await fetch(`${base(graphqlUrl)}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parsePrometheus(await res.text());
}

describe('/metrics', () => {
  it('is Prometheus text with requests, latency, errors, source calls by outcome, retries and breaker state', async () => {
    // The tests above made calls of every outcome.
    const gateway = await scrape(system.url);
    expect(
      find(gateway, 'hoi_graphql_requests_total', { operation: 'Overview' })[0]?.value,
    ).toBeGreaterThanOrEqual(2);
    expect(
      find(gateway, 'hoi_graphql_request_duration_seconds_bucket', {
        operation: 'Overview',
        le: '+Inf',
      })[0]?.value,
    ).toBeGreaterThanOrEqual(2);
    expect(
      find(gateway, 'hoi_graphql_errors_total', { code: 'SOURCE_UNAVAILABLE' })[0]?.value,
    ).toBeGreaterThanOrEqual(1);

    const cases = await scrape(system.subgraphUrls.cases);
    expect(
      find(cases, 'hoi_source_calls_total', { source: 'case-index', outcome: 'ok' })[0]?.value,
    ).toBeGreaterThanOrEqual(1);
    for (const outcome of ['error', 'timeout', 'rejected']) {
      expect(
        find(cases, 'hoi_source_calls_total', { source: 'case-index', outcome })[0]?.value,
        outcome,
      ).toBeGreaterThanOrEqual(1);
    }
    expect(
      find(cases, 'hoi_source_retries_total', { source: 'case-index', reason: 'HTTP_STATUS' })[0]
        ?.value,
    ).toBeGreaterThanOrEqual(2);
    expect(
      find(cases, 'hoi_source_call_duration_seconds_count', { source: 'case-index' })[0]?.value,
    ).toBeGreaterThanOrEqual(2);
    expect(find(cases, 'hoi_source_breaker_open', { source: 'case-index' })).toHaveLength(1);
    expect(
      find(cases, 'hoi_graphql_errors_total', { code: 'SOURCE_UNAVAILABLE' })[0]?.value,
    ).toBeGreaterThanOrEqual(1);
    for (const name of SUBGRAPHS) {
      const samples = await scrape(system.subgraphUrls[name]);
      expect(
        find(samples, 'hoi_source_breaker_open').map((s) => s.labels.service),
        name,
      ).toEqual([name]);
    }
  });
});
