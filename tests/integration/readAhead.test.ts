/**
 * Reading ahead (DESIGN §9: a step before the fan-out must be cheap or run alongside): with
 * remote sources (SOURCE_MODE=http), the gateway names an overview's citizens to the index
 * subgraphs while the consent subgraph decides, so their source reads start before the
 * consent register has answered; what they read still leaves only with a grant. The
 * read-ahead route itself answers only the gateway and holds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_CONTEXT_HEADER,
  createAccessContextSigner,
  READ_AHEAD_PATH,
  readAheadBody,
} from '@hoi/access';
import { createDataset, sampleCitizens } from '@hoi/dataset';
import type { Principal } from '@hoi/domain';
import {
  httpSources,
  startSimulators,
  watchSourceRequests,
  type Simulators,
} from '../helpers/simulators.js';
import { startSystem, type System } from '../helpers/system.js';

const LATENCY_MS = 40;
let sims: Simulators;
let system: System;
let token: string;

beforeAll(async () => {
  sims = await startSimulators(createDataset({ seed: 7, citizens: 2000 }));
  system = await startSystem({
    sources: httpSources(sims, { timeoutMs: 2_000, retries: 0 }),
    sourceMode: 'http',
  });
  token = await system.token({ role: 'caseworker', sub: 'cw-ahead', areas: ['EMPLOYMENT'] });
});

afterAll(async () => {
  await system?.stop();
  await sims?.close();
});

const OVERVIEW =
  'query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cpr access { area visible } cases { id area } benefits { id area } interventions { id area } employment { contactGroup } } }';

/** POSTs a read-ahead message to the cases subgraph, signed for `principal` (or with `header`). */
async function readAhead(cprs: unknown[], signedFor: Principal | null, header?: string) {
  const body = readAheadBody(cprs as string[]);
  const sign = createAccessContextSigner(system.accessContextSecret);
  const context =
    header ??
    (await sign({ principal: signedFor, requestId: 'test-read-ahead', operationName: null }, body));
  const res = await fetch(system.subgraphUrls.cases.replace(/\/graphql$/, READ_AHEAD_PATH), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [ACCESS_CONTEXT_HEADER]: context },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

const settle = () => new Promise((r) => setTimeout(r, 100));

describe('reading ahead', () => {
  it('starts the index reads before the consent register has answered, and shows only what the grant allows', async () => {
    const watch = watchSourceRequests(sims);
    await sims.setAllFaults({ latencyMs: LATENCY_MS });
    try {
      for (let i = 0; i < 5; i++) {
        const cpr = system.dataset.cprAt(300 + i * 11);
        watch.take();
        const res = await system.query(OVERVIEW, { cpr }, token, 'Overview');
        expect(res.errors).toBeUndefined();
        const events = watch.take();
        const consentEnd = events.findIndex(
          (e) => e.source === 'consent-register' && e.kind === 'end',
        );
        const indexStarts = events
          .map((e, at) => ({ ...e, at }))
          .filter((e) => e.source !== 'consent-register' && e.kind === 'start');
        expect(indexStarts.map((e) => e.source).sort()).toEqual([
          'benefit-index',
          'case-index',
          'employment-dfdg',
          'intervention-index',
        ]);
        for (const start of indexStarts) expect(start.at).toBeLessThan(consentEnd);
        // The same answer as the grant makes it: only areas marked visible have records.
        const citizen = res.data!.citizen as {
          access: { area: string; visible: boolean }[];
          cases: { area: string }[];
          benefits: { area: string }[];
          interventions: { area: string }[];
        };
        const visible = new Set(citizen.access.filter((a) => a.visible).map((a) => a.area));
        for (const record of [...citizen.cases, ...citizen.benefits, ...citizen.interventions])
          expect(visible.has(record.area)).toBe(true);
      }
    } finally {
      watch.stop();
      await sims.setAllFaults({});
    }
  });

  it('makes one source read per citizen: the request takes what was read ahead', async () => {
    const cpr = system.dataset.cprAt(901);
    const before = system.sources.cases.calls;
    await system.query(OVERVIEW, { cpr }, token, 'Overview');
    expect(system.sources.cases.calls - before).toBe(1);
  });

  it('answers nobody but the gateway, and nothing', async () => {
    const cpr = sampleCitizens(system.dataset, 1)[0]!.cpr;
    const caseworker: Principal = { sub: 'cw', role: 'caseworker', areas: ['EMPLOYMENT'] };
    const before = system.sources.cases.calls;
    expect((await readAhead([cpr], caseworker, '')).status).toBe(401);
    expect(
      (await readAhead([cpr], caseworker, 'v2.forged.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))
        .status,
    ).toBe(401);
    // Signed for another body: refused.
    const sign = createAccessContextSigner(system.accessContextSecret);
    const other = await sign(
      { principal: caseworker, requestId: 'x', operationName: null },
      readAheadBody(['020290-1234']),
    );
    expect((await readAhead([cpr], caseworker, other)).status).toBe(401);
    // Introspection-like contexts (no principal) may not read ahead either.
    expect((await readAhead([cpr], null)).status).toBe(401);
    await settle();
    expect(system.sources.cases.calls - before).toBe(0);

    const accepted = await readAhead([cpr], caseworker);
    expect(accepted).toEqual({ status: 202, body: '{}' });
    await settle();
    expect(system.sources.cases.calls - before).toBe(1);
  });

  it('reads for a citizen only their own records, and refuses a malformed message', async () => {
    const [own, other] = sampleCitizens(system.dataset, 2).map((s) => s.cpr);
    const citizen: Principal = { sub: own!, role: 'citizen', areas: [] };
    const screener: Principal = { sub: 'screener', role: 'screener', areas: [] };
    const before = system.sources.cases.calls;
    expect((await readAhead([other], citizen)).status).toBe(202);
    expect((await readAhead([own], screener)).status).toBe(202);
    expect((await readAhead(['not-a-cpr', 42], citizen)).status).toBe(202);
    await settle();
    expect(system.sources.cases.calls - before).toBe(0);
    const tooMany = Array.from({ length: 101 }, () => own);
    const refused = await readAhead(tooMany, citizen);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({
      errors: [{ extensions: { code: 'BAD_REQUEST' } }],
    });
    const url = system.subgraphUrls.cases.replace(/\/graphql$/, READ_AHEAD_PATH);
    const garbled = await fetch(url, { method: 'POST', body: '{"query":' });
    expect(garbled.status).toBe(400);
    const huge = await fetch(url, { method: 'POST', body: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
  });
});
