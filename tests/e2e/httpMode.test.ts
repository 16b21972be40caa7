/**
 * `SOURCE_MODE=http npm start` as separate processes (issue 5): the launcher starts the source
 * simulator, the subgraphs read their sources from it, request ids follow a request through
 * every process's logs, the fan-out is parallel, `/ready` follows an outage of all sources,
 * and SIGTERM during a burst lets every accepted request complete before all exit 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '@hoi/dataset';
import { SECTOR_AREAS } from '@hoi/domain';
import { requiredEnv } from '../helpers/env.js';
import { postGraphQL, signTestToken } from '../helpers/system.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const BASE = 15_100 + (process.pid % 50) * 10;
const JWT_SECRET = 'http-mode-test-jwt-secret-http-mode-test-jwt';
const SCHEMA = `t_http_mode_${process.pid}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(BASE),
  CONSENT_PORT: String(BASE + 1),
  CASES_PORT: String(BASE + 2),
  BENEFITS_PORT: String(BASE + 3),
  INTERVENTIONS_PORT: String(BASE + 4),
  EMPLOYMENT_PORT: String(BASE + 5),
  SIMULATOR_PORT: String(BASE + 6),
  SCREENING_PORT: String(BASE + 7),
  SOURCE_MODE: 'http',
  SOURCE_TIMEOUT_MS: '5000',
  SOURCE_BREAKER_RESET_MS: '500',
  // The stores on the real PostgreSQL, in a schema of this run's own: this test is about the
  // sources over HTTP, and two fresh PGlite directories cost seconds of initdb (start.test.ts
  // runs the embedded default).
  DATABASE_URL: requiredEnv('DATABASE_URL'),
  DATABASE_SCHEMA: SCHEMA,
  AUTH_JWT_SECRET: JWT_SECRET,
  REDIS_URL: '',
  // Uncached, so every overview reaches every source.
  CACHE_MODE: 'off',
  DATASET_SEED: '3',
  // Enough for the citizens asked for (up to index 819); screening reads them all over HTTP at start.
  DATASET_CITIZENS: '1000',
  DATASET_REFERENCE_DATE: '2025-01-15',
  LOG_LEVEL: 'debug',
};
for (const key of [
  'CONSENT_URL',
  'CASES_URL',
  'BENEFITS_URL',
  'INTERVENTIONS_URL',
  'EMPLOYMENT_URL',
  'SCREENING_URL',
  'ACCESS_CONTEXT_SECRET',
  'SOURCE_URL',
]) {
  delete env[key];
}
const url = `http://127.0.0.1:${BASE}/graphql`;
const simulator = `http://127.0.0.1:${BASE + 6}`;
const dataset = createDataset({ seed: 3, citizens: 1000, referenceDate: '2025-01-15' });
const OVERVIEW =
  'query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cpr consent { id } cases { id } benefits { id } interventions { id } employment { contactGroup } } }';

let launcher: ChildProcess;
let output = '';
let token: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
async function setAllFaults(faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${simulator}/admin/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}
const received = async (source: string) =>
  ((await (await fetch(`${simulator}/admin/stats`)).json()) as { requests: Record<string, number> })
    .requests[source] ?? 0;
const overview = (cpr: string, headers: Record<string, string> = {}) =>
  postGraphQL(
    url,
    { query: OVERVIEW, variables: { cpr }, operationName: 'Overview' },
    { authorization: `Bearer ${token}`, ...headers },
  );
const expected = (cpr: string) => {
  const c = dataset.byCpr(cpr)!;
  return {
    cpr,
    consent: c.consents.length > 0 ? { id: c.consents.at(-1)!.id } : null,
    cases: c.cases.map((x) => ({ id: x.id })),
    benefits: c.benefits.map((x) => ({ id: x.id })),
    interventions: c.interventions.map((x) => ({ id: x.id })),
    employment: c.employment && { contactGroup: c.employment.contactGroup },
  };
};
/** The subgraphs the overview's plan fetches together, after consent. */
const INDEXES = ['cases', 'benefits', 'interventions', 'employment'];
/**
 * Each process's log line of its work for a request id, as the span it served (epoch ms): its
 * read ahead (the source read started while the consent subgraph decides) where it had one,
 * else its GraphQL request.
 */
const spansOf = (requestId: string) => {
  const lines = output
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes(`"requestId":"${requestId}"`))
    .map((l) => JSON.parse(l) as { service: string; msg: string; time: number; durationMs: number })
    .filter((l) => l.msg === 'graphql request' || l.msg === 'read ahead');
  const spans = new Map<string, { start: number; end: number }>();
  for (const msg of ['graphql request', 'read ahead'])
    for (const l of lines.filter((line) => line.msg === msg))
      spans.set(l.service, { start: l.time - l.durationMs, end: l.time });
  return spans;
};

beforeAll(async () => {
  token = await signTestToken(
    { sub: 'cw-http', role: 'caseworker', areas: [...SECTOR_AREAS] },
    { secret: JWT_SECRET },
  );
  launcher = spawn(process.execPath, ['scripts/dist/start.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  launcher.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await until(
    () => {
      if (launcher.exitCode !== null) throw new Error(`launcher exited:\n${output}`);
      return output.includes('hoi-gateway is up');
    },
    90_000,
    'the system to start',
  );
}, 100_000);

afterAll(async () => {
  if (launcher.exitCode === null) launcher.kill('SIGKILL');
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${SCHEMA} cascade`);
  } finally {
    await client.end();
  }
});

describe('SOURCE_MODE=http npm start', () => {
  it('answers the overview from the simulator, and every process logs the request id', async () => {
    const cpr = dataset.cprAt(42);
    const res = await overview(cpr, { 'x-request-id': 'http-mode-test-1' });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ citizen: expected(cpr) });
    expect(await received('case-index')).toBeGreaterThanOrEqual(1);
    const services = () =>
      new Set(
        output
          .split('\n')
          .filter((l) => l.startsWith('{') && l.includes('"requestId":"http-mode-test-1"'))
          .map((l) => (JSON.parse(l) as { service: string }).service),
      );
    await until(() => services().size >= 6, 5_000, 'log lines of every process');
    expect([...services()]).toEqual(
      expect.arrayContaining([
        'benefits',
        'cases',
        'consent',
        'employment',
        'gateway',
        'interventions',
      ]),
    );
  });

  it('fans out in parallel: the four index subgraphs serve an overview at the same time', async () => {
    // Read from each process's log line (when it ended, and how long it took), not timed
    // against a threshold (the latency figures are bench/run.ts's). Every source answers
    // after 50 ms, so source reads the gateway asks for together overlap (here the reads
    // ahead, sent together while the consent subgraph decides), and ones asked for one after
    // another never do.
    const overlapped: boolean[] = [];
    await setAllFaults({ latencyMs: 50 });
    try {
      for (let i = 0; i < 5; i++) {
        const cpr = dataset.cprAt(700 + i);
        const id = `http-mode-fan-out-${i}`;
        const res = await overview(cpr, { 'x-request-id': id });
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ citizen: expected(cpr) });
        await until(
          () => INDEXES.every((name) => spansOf(id).has(name)),
          5_000,
          'the index subgraphs’ log lines',
        );
        const spans = INDEXES.map((name) => spansOf(id).get(name)!);
        overlapped.push(
          Math.max(...spans.map((s) => s.start)) < Math.min(...spans.map((s) => s.end)),
        );
      }
    } finally {
      await setAllFaults({});
    }
    // One run is enough (a busy machine may stall a process in another): in series, never.
    expect(overlapped).toContain(true);
  });

  it('is not ready while the sources are out, and ready again after', async () => {
    expect((await fetch(`http://127.0.0.1:${BASE}/ready`)).status).toBe(200);
    const res = await fetch(`${simulator}/admin/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ durationMs: 1_500 }),
    });
    expect(res.status).toBe(202);
    await until(
      async () => (await fetch(`http://127.0.0.1:${BASE}/ready`)).status === 503,
      1_500,
      '/ready to turn false',
    );
    // Meanwhile the gateway answers, partially, and nothing crashes.
    const partial = await overview(dataset.cprAt(43));
    expect(partial.status).toBe(200);
    expect(new Set(partial.errors?.map((e) => e.extensions?.code))).toEqual(
      new Set(['SOURCE_UNAVAILABLE']),
    );
    await until(
      async () => (await fetch(`http://127.0.0.1:${BASE}/ready`)).status === 200,
      10_000,
      '/ready to turn true',
    );
  });

  it('on SIGTERM during a burst completes every accepted request, then every process exits 0', async () => {
    // Slow sources keep the burst in flight: two hops of 300 ms.
    await setAllFaults({ latencyMs: 300 });
    // Wait out any breaker the outage opened (SOURCE_BREAKER_RESET_MS) with a healthy call.
    await until(
      async () => (await overview(dataset.cprAt(44))).errors === undefined,
      15_000,
      'the sources to recover',
    );
    const before = await received('consent-register');
    const cprs = Array.from({ length: 20 }, (_, i) => dataset.cprAt(800 + i));
    const burst = cprs.map((cpr) => overview(cpr));
    // Accepted: every request has reached its first hop (the consent register).
    await until(
      async () => (await received('consent-register')) - before >= cprs.length,
      10_000,
      'the burst to be accepted',
    );
    const exited = new Promise<number | null>((resolve) =>
      launcher.once('exit', (code) => resolve(code)),
    );
    launcher.kill('SIGTERM');
    const results = await Promise.all(burst);
    results.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ citizen: expected(cprs[i]!) });
    });
    expect(await exited).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
    expect(output).toMatch(/"service":"gateway".*"msg":"shutting down"/);
    expect(output).not.toMatch(/\b\d{6}-?\d{4}\b/);
  }, 30_000);
});
