/**
 * Redis caching that never outlives a consent (issue 4), against the real Redis: two full
 * instances sharing one Redis, withdrawal and expiry under concurrent reads, nothing readable
 * in Redis, single-flight, warm requests without source calls. A Redis outage: cacheOutage.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BENEFIT_KINDS, CASE_KINDS, INTERVENTION_KINDS } from '@hoi/dataset';
import { type ConsentStore, createSqlConsentStore } from '@hoi/subgraph-consent';
import type { SectorArea } from '@hoi/domain';
import { createTestDatabase } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';
import { OVERVIEW, type Overview } from '../helpers/overview.js';
import { startSystem, type System } from '../helpers/system.js';

// This suite owns logical DB 14 of the test Redis (REDIS_URL's host and port).
const base = new URL(requiredEnv('REDIS_URL'));
const REDIS_URL = `redis://${base.host}/14`;
const PREFIX = 'hoi:test:';

const areasOf = (o: Overview) =>
  new Set([...o.cases, ...o.benefits, ...o.interventions].map((r) => r.area));

let redis: Redis;
let now = new Date();
const clock = () => now;
let store: ConsentStore;
let a: System;
let b: System;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.ping();
  store = await createSqlConsentStore(await createTestDatabase());
  const cacheKey = randomBytes(32);
  const options = {
    store,
    clock,
    citizens: 2000,
    // These tests count source calls and stale reads, not latency: on a loaded test machine
    // the 50 ms default would turn slow Redis answers into misses (extra source calls).
    cache: { redisUrl: REDIS_URL, keyPrefix: PREFIX, timeoutMs: 1_000 },
    cacheKey,
    cacheTtlMs: 60_000,
  } as const;
  a = await startSystem(options);
  b = await startSystem(options);
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await store?.close();
  await redis?.flushdb();
  redis?.disconnect();
});

beforeEach(async () => {
  await redis.flushdb();
});

/** A citizen with records outside EMPLOYMENT and no consent history, different per call. */
let nextPick = 0;
function pickCitizen(system: System): { cpr: string; area: SectorArea } {
  for (let i = nextPick; i < system.dataset.size; i++) {
    const c = system.dataset.at(i);
    const other = c.cases.find((x) => x.area !== 'EMPLOYMENT');
    if (other && c.consents.length === 0) {
      nextPick = i + 1;
      return { cpr: c.cpr, area: other.area };
    }
  }
  throw new Error('no citizen left');
}

async function readMany(
  systems: System[],
  cpr: string,
  token: string,
  count: number,
  concurrency: number,
  withheld: SectorArea,
) {
  let done = 0;
  let leaks = 0;
  const worker = async (w: number) => {
    while (done < count) {
      done += 1;
      const res = await systems[w % systems.length]!.query(OVERVIEW, { cpr }, token);
      expect(res.errors).toBeUndefined();
      if (areasOf(res.data!.citizen as Overview).has(withheld)) leaks += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { reads: done, leaks };
}

const give =
  'mutation($cpr: CPR!, $areas: [SectorArea!]!, $v: Date!) { giveConsent(cpr: $cpr, areas: $areas, validUntil: $v) { id } }';

describe('two instances sharing one Redis', () => {
  it('serve no withdrawn-area record after withdrawConsent returns, under concurrent reads', async () => {
    const { cpr, area } = pickCitizen(a);
    const token = await a.token({ role: 'caseworker', sub: 'cw', areas: ['EMPLOYMENT'] });
    expect(
      (await a.query(give, { cpr, areas: [area], v: '2099-12-31' }, token)).errors,
    ).toBeUndefined();
    // Warm both instances: consent state and entity answers are now cached in Redis.
    const warm = await readMany(
      [a, b],
      cpr,
      token,
      20,
      4,
      'EDUCATION' === area ? 'HEALTH' : 'EDUCATION',
    );
    expect(warm.leaks).toBe(0);
    expect(
      areasOf((await b.query(OVERVIEW, { cpr }, token)).data!.citizen as Overview).has(area),
    ).toBe(true);

    // Readers run on both instances while the withdrawal happens on one of them.
    let stop = false;
    const background = Promise.all(
      [a, b, a, b].map(async (s) => {
        while (!stop) await s.query(OVERVIEW, { cpr }, token);
      }),
    );
    const withdrawn = await a.query(
      'mutation($cpr: CPR!) { withdrawConsent(cpr: $cpr) { status } }',
      { cpr },
      token,
    );
    expect(withdrawn.data).toEqual({ withdrawConsent: { status: 'WITHDRAWN' } });
    const after = await readMany([a, b], cpr, token, 1000, 8, area);
    stop = true;
    await background;
    console.log(
      `withdrawal: ${after.reads} reads after withdrawConsent returned, ${after.leaks} with the withdrawn area`,
    );
    expect(after.reads).toBeGreaterThanOrEqual(1000);
    expect(after.leaks).toBe(0);
  });

  it('serve no expired-area record once validUntil has passed, without any write', async () => {
    const { cpr, area } = pickCitizen(a);
    const token = await a.token({ role: 'caseworker', sub: 'cw', areas: ['EMPLOYMENT'] });
    const saved = now;
    try {
      now = new Date('2031-03-10T09:00:00Z');
      expect(
        (await a.query(give, { cpr, areas: [area], v: '2031-03-10' }, token)).errors,
      ).toBeUndefined();
      const before = await readMany([a, b], cpr, token, 20, 4, area);
      expect(before.leaks).toBe(20); // visible while valid, and cached
      now = new Date('2031-03-10T23:00:00Z'); // midnight in Copenhagen (CET): the day has ended
      const after = await readMany([a, b], cpr, token, 1000, 8, area);
      console.log(
        `expiry: ${after.reads} reads after validUntil ended, ${after.leaks} with the expired area`,
      );
      expect(after.leaks).toBe(0);
    } finally {
      now = saved;
    }
  });
});

describe('what Redis holds', () => {
  it('has no CPR, case title, benefit name or intervention title in any key or value', async () => {
    const token = await a.token({
      role: 'caseworker',
      sub: 'cw',
      areas: ['EMPLOYMENT', 'SOCIAL_ADULT', 'CHILDREN_FAMILY', 'HEALTH', 'EDUCATION', 'ADDICTION'],
    });
    const cprs = Array.from({ length: 30 }, (_, i) => a.dataset.cprAt(i));
    const res = await a.query(
      'query($c: [CPR!]!) { citizens(cprs: $c) { cases { title } benefits { name } interventions { title } employment { contactGroup } consent { id } } }',
      { c: cprs },
      token,
    );
    expect(res.errors).toBeUndefined();
    const texts = [
      ...cprs.flatMap((c) => [c, c.replace('-', '')]),
      ...Object.values(CASE_KINDS).flatMap((kinds) => kinds.map((k) => k.title)),
      ...BENEFIT_KINDS.map((k) => k.name),
      ...INTERVENTION_KINDS.map((k) => k.title),
      'Kontanthjælpsmodtager',
    ];
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    expect(keys.length).toBeGreaterThan(30);
    const values = await Promise.all(keys.map((k) => redis.getBuffer(k)));
    for (const [i, key] of keys.entries()) {
      const raw = values[i]!.toString('latin1') + values[i]!.toString('utf8');
      for (const t of texts) {
        expect(key, 'key').not.toContain(t);
        expect(raw.includes(t), `value of ${key} holds "${t}"`).toBe(false);
      }
    }
  });
});

describe('source calls', () => {
  it('make 100 concurrent cold requests for one citizen one call per source', async () => {
    const cpr = a.dataset.cprAt(500);
    const token = await a.token({
      role: 'caseworker',
      sub: 'cw',
      areas: ['EMPLOYMENT', 'SOCIAL_ADULT', 'CHILDREN_FAMILY', 'HEALTH', 'EDUCATION', 'ADDICTION'],
    });
    const before = Object.fromEntries(Object.entries(a.sources).map(([n, s]) => [n, s.calls]));
    const results = await Promise.all(
      Array.from({ length: 100 }, () => a.query(OVERVIEW, { cpr }, token)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    for (const [name, source] of Object.entries(a.sources))
      expect(source.calls - (before[name] as number), name).toBe(1);
  });

  it('make a warm overview call no source at all, and /metrics shows the hits', async () => {
    const cpr = a.dataset.cprAt(501);
    const token = await a.token({ role: 'caseworker', sub: 'cw', areas: ['EMPLOYMENT', 'HEALTH'] });
    await a.query(OVERVIEW, { cpr }, token);
    const before = Object.fromEntries(Object.entries(a.sources).map(([n, s]) => [n, s.calls]));
    const requestsBefore = { ...a.subgraphRequests };
    const warm = await a.query(OVERVIEW, { cpr }, token);
    expect(warm.errors).toBeUndefined();
    for (const [name, source] of Object.entries(a.sources))
      expect(source.calls - (before[name] as number), name).toBe(0);
    // Only the (cheap) consent hop reaches a subgraph; the four index answers come from the entity cache.
    expect(a.subgraphRequests.consent - requestsBefore.consent).toBe(1);
    for (const n of ['cases', 'benefits', 'interventions', 'employment'] as const)
      expect(a.subgraphRequests[n] - requestsBefore[n], n).toBe(0);
    const gatewayMetrics = await a.metrics.gateway.registry.metrics();
    expect(gatewayMetrics).toMatch(
      /hoi_cache_operations_total\{cache="entities:cases",result="hit",service="gateway"\} [1-9]/,
    );
    const consentMetrics = await a.metrics.consent.registry.metrics();
    expect(consentMetrics).toMatch(
      /hoi_cache_operations_total\{cache="consent",result="hit",service="consent"\} [1-9]/,
    );
  });
});
