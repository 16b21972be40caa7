/**
 * Abuse resistance at the gateway (issue 13, DESIGN §3b): each attack of the issue's list that
 * the gateway answers, reproduced through the real system. Operation limits before anything
 * runs (no audit row, no source call, no subgraph request); rate limits per principal, per
 * address and for screening pages, shared through Redis; trusted operations; client mistakes
 * with their codes; APQ after authentication; /metrics without client text or per-citizen
 * oracles; CPRs masked in request ids and operation names; a maximum token lifetime.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTOR_AREAS } from '@hoi/domain';
import { composeGateway, loadGatewayConfig } from '@hoi/gateway';
import { closeServer, createLogger, createMetrics, listen, SUBGRAPH_NAMES } from '@hoi/platform';
import { requiredEnv } from '../helpers/env.js';
import { OVERVIEW } from '../helpers/overview.js';
import { signTestToken, startSystem, type System } from '../helpers/system.js';

let system: System;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as Omit<Answer, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...json };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const codes = (a: Answer) => (a.errors ?? []).map((e) => e.extensions?.code);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts what a request may have caused: audit rows, source calls, subgraph requests. */
async function effects() {
  return {
    audit: (await system.store.readAudit()).length,
    screeningAudit: (await system.screening.store.readAudit()).length,
    sourceCalls: Object.values(system.sources).reduce((n, s) => n + s.calls, 0),
    subgraphRequests:
      Object.values(system.subgraphRequests).reduce((n, c) => n + c, 0) +
      system.screening.requests() +
      system.plan.requests(),
  };
}

const OWN_JWT_SECRET = 'abuse-test-jwt-secret-0123456789abcdefgh';
const ownToken = (claims: Record<string, unknown>) =>
  signTestToken(claims, { secret: OWN_JWT_SECRET });

/** Another gateway over the system's subgraphs, configured by `env` (its own JWT secret). */
async function extraGateway(env: Record<string, string>, subgraphUrls = system.subgraphUrls) {
  const metrics = createMetrics('gateway', { defaults: false });
  const gateway = await composeGateway(
    loadGatewayConfig({
      ACCESS_CONTEXT_SECRET: system.accessContextSecret,
      AUTH_JWT_SECRET: OWN_JWT_SECRET,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, subgraphUrls[n]])),
      ...env,
    }),
    { logger: createLogger('test', { level: 'silent' }), metrics, cache: null },
  );
  const url = `${await listen(gateway.http, 0)}/graphql`;
  // Its first request waits for every subgraph's /ready: not part of any test.
  await post(url, { query: '{ __typename }' });
  return {
    url,
    metrics,
    stop: async () => {
      await closeServer(gateway.http);
      await gateway.close();
    },
  };
}

beforeAll(async () => {
  // APQ needs a cache: the in-process one.
  system = await startSystem({ citizens: 500, cache: 'memory' });
  // The gateway's first request waits for every subgraph's /ready: not part of any test.
  const warm = await system.token({ role: 'caseworker', sub: 'cw-warm', areas: ['HEALTH'] });
  await post(system.url, { query: '{ __typename }' }, bearer(warm));
});
afterAll(async () => {
  await system?.stop();
});

describe('operation limits', () => {
  it('refuse a citizen’s 1,500 aliases of me { cases benefits } before anything runs', async () => {
    const cpr = system.dataset.cprAt(3);
    const token = await system.token({ role: 'citizen', sub: cpr });
    const query = `{ ${Array.from({ length: 1500 }, (_, i) => `m${i}: me { cases { title } benefits { name } }`).join(' ')} }`;
    const before = await effects();
    const res = await post(system.url, { query }, bearer(token));
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(res.data).toBeUndefined();
    expect(await effects()).toEqual(before);
  });

  it('refuse a screener’s 40 aliases of screening(first: 500) { totalCount }: no screening audit row', async () => {
    const token = await system.token({ role: 'screener', sub: 'screener-aliases' });
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `s${i}: screening(group: MANDATORY, first: 500) { totalCount }`).join(' ')} }`;
    const before = await effects();
    const res = await post(system.url, { query }, bearer(token));
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'aliases',
    });
    expect(await effects()).toEqual(before);
  });

  it('name each limit in extensions.limit: depth, aliases, rootFields, cost, tokens', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-limits', areas: ['HEALTH'] });
    const cpr = system.dataset.cprAt(1);
    const nested = (n: number) =>
      `{ citizen(cpr: "${cpr}") { ${'... on Citizen { '.repeat(n)}cpr${' }'.repeat(n)} } }`;
    const cprs = Array.from({ length: 500 }, (_, i) => system.dataset.cprAt(i));
    const cases: [string, string, Record<string, unknown>?][] = [
      ['depth', nested(20)],
      [
        'aliases',
        `{ citizen(cpr: "${cpr}") { ${Array.from({ length: 31 }, (_, i) => `c${i}: cpr`).join(' ')} } }`,
      ],
      [
        'rootFields',
        `{ ${Array.from({ length: 11 }, (_, i) => `c${i}: citizen(cpr: "${cpr}") { cpr }`).join(' ')} }`,
      ],
      [
        'cost',
        `query($c: [CPR!]!) { a: citizens(cprs: $c) { ${OVERVIEW_FIELDS} } b: citizens(cprs: $c) { ${OVERVIEW_FIELDS} } }`,
        { c: cprs },
      ],
      ['tokens', `{ citizen(cpr: "${cpr}") { cpr ${'__typename '.repeat(6000)} } }`],
    ];
    const before = await effects();
    for (const [limit, query, variables] of cases) {
      const res = await post(system.url, { query, variables }, bearer(token));
      expect(res.status, limit).toBe(400);
      expect(res.errors?.[0]?.extensions, limit).toMatchObject({
        code: 'OPERATION_LIMIT_EXCEEDED',
        limit,
      });
    }
    expect(await effects()).toEqual(before);
  });

  it('answer 3,000 nested inline fragments with a limit error, never an internal one', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-nest', areas: ['HEALTH'] });
    for (const n of [3000, 900]) {
      const query = `{ ${'... on Query { '.repeat(n)}__typename${' }'.repeat(n)} }`;
      const res = await post(system.url, { query }, bearer(token));
      expect(res.status, String(n)).toBe(400);
      expect(codes(res), String(n)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    }
  });

  it('reject a 1 MiB alias bomb by its tokens, without an audit row', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-bomb', areas: ['HEALTH'] });
    const cpr = system.dataset.cprAt(2);
    const alias = (i: number) => `a${i}: citizen(cpr: "${cpr}") { cpr } `;
    let query = '{ ';
    // Just under the 1 MiB body limit, JSON-escaped.
    for (let i = 0; JSON.stringify({ query }).length < 1_040_000; i += 1000)
      for (let j = i; j < i + 1000; j++) query += alias(j);
    query += '}';
    const before = await effects();
    const res = await post(system.url, { query }, bearer(token));
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'tokens',
    });
    expect(await effects()).toEqual(before);
  });

  it('admit every documented query with the default limits', async () => {
    const caseworker = await system.token({
      role: 'caseworker',
      sub: 'cw-docs',
      areas: [...SECTOR_AREAS],
    });
    const screener = await system.token({ role: 'screener', sub: 'screener-docs' });
    const cpr = system.dataset.cprAt(4);
    const cprs = Array.from({ length: 500 }, (_, i) => system.dataset.cprAt(i));
    const literal = `{ citizens(cprs: [${cprs.map((c) => `"${c}"`).join(', ')}]) { ${OVERVIEW_FIELDS} } }`;
    const documented: [string, string, string, Record<string, unknown>?][] = [
      ['README overview', caseworker, `{ citizen(cpr: "${cpr}") { ${OVERVIEW_FIELDS} } }`],
      ['citizens, 500 CPRs inline', caseworker, literal],
      [
        'citizens, 500 CPRs',
        caseworker,
        `query($c: [CPR!]!) { citizens(cprs: $c) { ${OVERVIEW_FIELDS} } }`,
        { c: cprs },
      ],
      ['plan and timeline', caseworker, `{ citizen(cpr: "${cpr}") { ${PLAN_FIELDS} } }`],
      ['screening, first 500', screener, SCREENING_PAGE],
      ['introspection', caseworker, getIntrospectionQuery()],
    ];
    for (const [name, token, query, variables] of documented) {
      const res = await post(system.url, { query, variables }, bearer(token));
      expect(codes(res), name).toEqual([]);
      expect(res.status, name).toBe(200);
    }
    // The playground's introspection needs no token in development.
    const anonymous = await post(system.url, { query: getIntrospectionQuery() });
    expect(codes(anonymous)).toEqual([]);
  });
});

describe('rate limits', () => {
  it('refuse a flood of one principal with RATE_LIMITED, 429 and retry-after', async () => {
    const gw = await extraGateway({ RATE_LIMIT_PER_PRINCIPAL: '50' });
    try {
      const token = await ownToken({ role: 'caseworker', sub: 'cw-flood', areas: ['HEALTH'] });
      // A flood split over two one-second windows (a loaded machine) is tried again.
      let answers: Awaited<ReturnType<typeof post>>[] = [];
      for (let attempt = 0; attempt < 3 && !answers.some((a) => a.status === 429); attempt++) {
        if (attempt > 0) await sleep(1100);
        answers = await Promise.all(
          Array.from({ length: 80 }, () =>
            post(gw.url, { query: '{ __typename }' }, bearer(token)),
          ),
        );
      }
      const limited = answers.filter((a) => a.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(50);
      const first = limited[0]!;
      expect(codes(first)).toEqual(['RATE_LIMITED']);
      const retry = first.errors?.[0]?.extensions?.retryAfterSeconds;
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(first.headers.get('retry-after')).toBe(String(retry));
      // Another principal is not affected.
      const other = await ownToken({ role: 'caseworker', sub: 'cw-calm', areas: ['HEALTH'] });
      expect((await post(gw.url, { query: '{ __typename }' }, bearer(other))).status).toBe(200);
    } finally {
      await gw.stop();
    }
  });

  it('let one principal sustain 100 requests a second', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-steady', areas: ['HEALTH'] });
    const started = performance.now();
    for (let second = 0; second < 2; second++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, () =>
          post(system.url, { query: '{ __typename }' }, bearer(token)),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      await sleep(Math.max(0, started + (second + 1) * 1000 - performance.now()));
    }
  });

  it('bound screening rows lower than requests, before anything is audited', async () => {
    const gw = await extraGateway({ RATE_LIMIT_SCREENING_ROWS: '100' });
    try {
      const token = await ownToken({ role: 'screener', sub: 'screener-rows' });
      const query =
        '{ a: screening(group: MANDATORY, first: 60) { totalCount } b: screening(group: OPTIONAL, first: 60) { totalCount } }';
      const before = await effects();
      const res = await post(gw.url, { query }, bearer(token));
      expect(res.status).toBe(429);
      expect(codes(res)).toEqual(['RATE_LIMITED']);
      expect(await effects()).toEqual(before);
      // Within the limit, a page runs.
      await sleep(1100);
      const one = await post(
        gw.url,
        { query: '{ screening(group: MANDATORY, first: 60) { totalCount } }' },
        bearer(token),
      );
      expect(codes(one)).toEqual([]);
    } finally {
      await gw.stop();
    }
  });

  it('refuse more than 20 requests a second without a token from one address', async () => {
    // A burst split over two one-second windows (a loaded machine) is tried again.
    let answers: Awaited<ReturnType<typeof post>>[] = [];
    let bad: Awaited<ReturnType<typeof post>> | undefined;
    for (let attempt = 0; attempt < 3 && bad?.status !== 429; attempt++) {
      await sleep(1100);
      answers = await Promise.all(
        Array.from({ length: 30 }, () => post(system.url, { query: '{ __typename }' })),
      );
      // Bad tokens count against the address too.
      bad = await post(system.url, { query: '{ __typename }' }, bearer('a.b.c'));
    }
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(20);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(10);
    expect(bad?.status).toBe(429);
    await sleep(1100);
  });

  it('share the counters of every gateway instance through Redis', async () => {
    const env = {
      REDIS_URL: requiredEnv('REDIS_URL'),
      CACHE_KEY_PREFIX: `hoi:abuse:${process.pid}:${Date.now()}:`,
      RATE_LIMIT_PER_PRINCIPAL: '30',
    };
    const a = await extraGateway(env);
    const b = await extraGateway(env);
    try {
      const token = await ownToken({ role: 'caseworker', sub: 'cw-shared', areas: ['HEALTH'] });
      // The limit counts per one-second window: a burst that outlasts its window (a loaded
      // machine) is tried again after the window has passed.
      let onB: Awaited<ReturnType<typeof post>> | undefined;
      for (let attempt = 0; attempt < 3 && onB?.status !== 429; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 1_100));
        const onA = await Promise.all(
          Array.from({ length: 30 }, () => post(a.url, { query: '{ __typename }' }, bearer(token))),
        );
        expect(onA.every((r) => r.status === 200)).toBe(true);
        onB = await post(b.url, { query: '{ __typename }' }, bearer(token));
      }
      expect(onB?.status).toBe(429);
      expect(codes(onB!)).toEqual(['RATE_LIMITED']);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('count in process, and never fail a request, while Redis is down', async () => {
    const gw = await extraGateway({
      REDIS_URL: 'redis://127.0.0.1:1/0',
      RATE_LIMIT_PER_PRINCIPAL: '10',
    });
    try {
      const token = await ownToken({ role: 'caseworker', sub: 'cw-noredis', areas: ['HEALTH'] });
      // As above: a burst split over two windows is tried again.
      let answers: Awaited<ReturnType<typeof post>>[] = [];
      for (let attempt = 0; attempt < 3 && !answers.some((r) => r.status === 429); attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 1_100));
        answers = await Promise.all(
          Array.from({ length: 15 }, () =>
            post(gw.url, { query: '{ __typename }' }, bearer(token)),
          ),
        );
      }
      expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(10);
      expect(
        answers
          .filter((r) => r.status !== 200)
          .map(codes)
          .flat(),
      ).not.toContain('INTERNAL_SERVER_ERROR');
      expect(answers.some((r) => r.status === 429)).toBe(true);
    } finally {
      await gw.stop();
    }
  });
});

describe('trusted operations', () => {
  it('run only the manifest’s operations, by id or by document', async () => {
    const cpr = system.dataset.cprAt(5);
    const trusted = `query Citizen($cpr: CPR!) { citizen(cpr: $cpr) { cpr } }`;
    const dir = mkdtempSync(join(tmpdir(), 'hoi-trusted-'));
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ [sha256(trusted)]: trusted }));
    const gw = await extraGateway({
      TRUSTED_OPERATIONS: 'required',
      TRUSTED_OPERATIONS_MANIFEST: manifest,
    });
    try {
      const token = bearer(await ownToken({ role: 'caseworker', sub: 'cw-t', areas: ['HEALTH'] }));
      const byId = await post(
        gw.url,
        {
          variables: { cpr },
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256(trusted) } },
        },
        token,
      );
      expect(byId.data).toEqual({ citizen: { cpr } });
      const byDocument = await post(gw.url, { query: trusted, variables: { cpr } }, token);
      expect(byDocument.data).toEqual({ citizen: { cpr } });
      const other = await post(gw.url, { query: `{ citizen(cpr: "${cpr}") { cpr } }` }, token);
      expect(codes(other)).toEqual(['OPERATION_NOT_ALLOWED']);
      const unknownId = await post(
        gw.url,
        { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ x }') } } },
        token,
      );
      expect(codes(unknownId)).toEqual(['OPERATION_NOT_ALLOWED']);
    } finally {
      await gw.stop();
    }
  });
});

describe('client mistakes', () => {
  it('answer an APQ hash that does not match its query with BAD_REQUEST', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-apq', areas: ['HEALTH'] });
    const res = await post(
      system.url,
      {
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
      },
      bearer(token),
    );
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_REQUEST']);
  });

  it('answer a request before every subgraph is up with SERVICE_UNAVAILABLE and 503', async () => {
    // A port nobody listens on: the consent subgraph is not up yet.
    const down = { ...system.subgraphUrls, consent: 'http://127.0.0.1:1/graphql' };
    const gw = await extraGateway({}, down);
    try {
      const token = await ownToken({ role: 'caseworker', sub: 'cw-early', areas: ['HEALTH'] });
      const res = await post(
        gw.url,
        { query: `{ citizen(cpr: "${system.dataset.cprAt(6)}") { cpr } }` },
        bearer(token),
      );
      expect(res.status).toBe(503);
      expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      await gw.stop();
    }
  });
});

describe('persisted queries', () => {
  it('answer an unauthenticated APQ request UNAUTHENTICATED, whether or not anyone ran it', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-apq2', areas: ['HEALTH'] });
    const query = `{ citizen(cpr: "${system.dataset.cprAt(7)}") { cpr } }`;
    const ext = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const registered = await post(system.url, { query, extensions: ext }, bearer(token));
    expect(codes(registered)).toEqual([]);
    const known = await post(system.url, { extensions: ext });
    const unknown = await post(system.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ never }') } },
    });
    expect(codes(known)).toEqual(['UNAUTHENTICATED']);
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(known.status).toBe(unknown.status);
  });
});

describe('metrics', () => {
  it('carry no client-chosen operation name and no per-cache hit counters', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-metrics', areas: ['HEALTH'] });
    const cpr = system.dataset.cprAt(8);
    for (let i = 0; i < 30; i++) {
      const name = i === 0 ? 'Overview_8609076250' : `Probe${i}x${Date.now()}`;
      await post(
        system.url,
        { query: `query ${name} { citizen(cpr: "${cpr}") { cpr } }` },
        bearer(token),
      );
    }
    await post(
      system.url,
      { query: OVERVIEW, variables: { cpr }, operationName: 'Overview' },
      bearer(token),
    );
    const res = await fetch(system.url.replace(/\/graphql$/, '/metrics'));
    const text = await res.text();
    expect(text).not.toContain('8609076250');
    expect(text).not.toMatch(/Probe\d+x/);
    expect(text).toContain('operation="other"');
    expect(text).toContain('operation="Overview"');
    expect(text).not.toContain('hoi_cache_operations_total');
  });

  it('need METRICS_TOKEN when one is set', async () => {
    const gw = await extraGateway({ METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      const url = gw.url.replace(/\/graphql$/, '/metrics');
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: bearer('wrong-token-0123456789') })).status).toBe(401);
      expect((await fetch(url, { headers: bearer('metrics-token-0123456789') })).status).toBe(200);
    } finally {
      await gw.stop();
    }
  });
});

describe('CPRs in request ids and operation names', () => {
  it('are masked before they reach the subgraphs and the audit log; a UUID stays whole', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-ids', areas: ['HEALTH'] });
    const cpr = system.dataset.cprAt(9);
    const uuid = '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f';
    for (const [id, name] of [
      ['case_860907-6250', 'Overview_8609076250'],
      [uuid, 'Overview'],
    ] as const) {
      const res = await post(
        system.url,
        { query: `query ${name} { citizen(cpr: "${cpr}") { cpr } }` },
        { ...bearer(token), 'x-request-id': id },
      );
      expect(codes(res)).toEqual([]);
      const forwarded = res.headers.get('x-request-id');
      const rows = await system.store.readAudit({ requestId: forwarded ?? '' });
      expect(rows.length).toBe(1);
      if (id === uuid) {
        expect(forwarded).toBe(uuid);
        expect(rows[0]?.operationName).toBe('Overview');
      } else {
        expect(forwarded).toBe('case_**********');
        expect(rows[0]?.operationName).toBe('Overview_**********');
      }
    }
  });
});

describe('token lifetime', () => {
  it('refuses a token valid for longer than the maximum (24 h), accepts 8 h', async () => {
    const cpr = system.dataset.cprAt(10);
    const query = `{ citizen(cpr: "${cpr}") { cpr } }`;
    const long = await system.token({
      role: 'caseworker',
      sub: 'cw-long',
      areas: ['HEALTH'],
      expiresIn: '100y',
    });
    const day = await system.token({
      role: 'caseworker',
      sub: 'cw-day',
      areas: ['HEALTH'],
      expiresIn: '8h',
    });
    const refused = await post(system.url, { query }, bearer(long));
    expect(refused.status).toBe(401);
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(codes(await post(system.url, { query }, bearer(day)))).toEqual([]);
  });
});

const OVERVIEW_FIELDS =
  'cpr access { area visible basis } consent { status areas validUntil } cases { title area } benefits { name area } interventions { title area } employment { contactGroup }';

const PLAN_FIELDS =
  'hoiPlan { id status version overallGoal nextFollowUp subGoals { area text targetDate status } agreements { area text dueDate status citizenComment } meetings { id area title start end conflictsWith } } timeline(from: "2026-11-01") { kind area title start end status }';

const SCREENING_PAGE = `{ screening(group: MANDATORY, first: 500) {
    totalCount
    edges { cursor node { cpr age openCaseAreas group } }
    pageInfo { hasNextPage endCursor }
    sourcesAsOf } }`;
