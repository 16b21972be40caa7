/**
 * `npm run bench`: runs the real system and its peers on the same work, in the same run, and
 * prints (and writes to bench/results/latest.md) the figures of BENCHMARKS.md.
 *
 * Everything runs on loopback: the source simulator (BENCH_LATENCY_MS, default 20 ms per
 * source call), the subgraphs over HTTP sources, and three gateways over the same subgraphs,
 * supergraph and query: hoi-gateway as shipped, plain @apollo/gateway, Hive Gateway. Load
 * comes from a separate process (autocannon).
 *
 * Options (environment): BENCH_LATENCY_MS (20), BENCH_DURATION_S (10), BENCH_CONNECTIONS (32),
 * BENCH_CITIZENS (10000), BENCH_SCALING (10000,100000,1000000; "off" skips it),
 * BENCH_REDIS_URL (redis://127.0.0.1:6379/13; flushed at start), BENCH_SCENARIOS (a comma list
 * of cold, fanout, plan, realistic, warm, warm50, withdrawal to run only those; a stack none of
 * whose scenarios is asked for is not started, so `BENCH_SCENARIOS=none BENCH_SCALING=1000000`
 * measures start-up at a million citizens alone), BENCH_CPU_PROF_DIR (CPU profiles).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createDataset, demoPlans, sampleCitizens, type Dataset } from '@hoi/dataset';
import { SUBGRAPH_NAMES } from '@hoi/platform';
import { runLoad, runVariedLoad, type LoadResult } from './load.js';
import { benchCaseworkerToken } from './tokens.js';
import { peakRssMiB, rssMiB, startService, stopAll, type Service } from './processes.js';

const ROOT = new URL('..', import.meta.url).pathname;
const env = (name: string, fallback: string) => process.env[name] || fallback;
const LATENCY_MS = Number(env('BENCH_LATENCY_MS', '20'));
const DURATION_S = Number(env('BENCH_DURATION_S', '10'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '32'));
const CITIZENS = Number(env('BENCH_CITIZENS', '10000'));
const SCALING = env('BENCH_SCALING', '10000,100000,1000000');
const REDIS_URL = env('BENCH_REDIS_URL', 'redis://127.0.0.1:6379/13');
const BASE_PORT = 14_600;
/** The fan-out figure: every source at this latency against 0 ms. */
const FANOUT_LATENCY_MS = 20;
/** Uncached overviews per latency and gateway, alternating, each for another citizen. */
const FANOUT_RUNS = 25;
/** The sources of one overview: consent, then the four indexes. */
const OVERVIEW_SOURCES = 5;
const ONLY = process.env.BENCH_SCENARIOS ? new Set(process.env.BENCH_SCENARIOS.split(',')) : null;
const wanted = (scenario: string) => !ONLY || ONLY.has(scenario);
/** The scenarios run on the stack with every cache off, and on the one with Redis. */
const COLD_SCENARIOS = ['cold', 'fanout', 'plan', 'realistic'];
const WARM_SCENARIOS = ['warm', 'warm50', 'realistic', 'withdrawal'];

const JWT_SECRET = randomBytes(32).toString('base64url');
const ACCESS_SECRET = randomBytes(32).toString('base64url');
const CACHE_KEY = randomBytes(32).toString('base64');

const OVERVIEW = `query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cpr access { area visible basis } consent { status areas validUntil }
  cases { id title area kle status openedAt closedAt sourceSystem } benefits { id name area status period { start end } }
  interventions { id title area legalBasis status period { start end } } employment { contactGroup visitation jobGoals } } }`;
/** The overview with the joint plan and the timeline (DESIGN §3a): still one request per subgraph. */
const OVERVIEW_WITH_PLAN = OVERVIEW.replace(
  'employment { contactGroup visitation jobGoals } } }',
  `employment { contactGroup visitation jobGoals }
  hoiPlan { id status version overallGoal nextFollowUp subGoals { id area text status } agreements { id area text status }
    meetings { id area title start end conflictsWith } }
  timeline { id kind area title start end status } } }`,
);
if (OVERVIEW_WITH_PLAN === OVERVIEW) throw new Error('OVERVIEW changed: extend OVERVIEW_WITH_PLAN');
const MANY = `query Many($cprs: [CPR!]!) { citizens(cprs: $cprs) { cpr access { area visible basis } consent { status }
  cases { id title area status } benefits { id name area status } interventions { id title area status } employment { contactGroup } } }`;

interface Stack {
  readonly services: Service[];
  readonly dataDir: string;
  readonly gateways: Record<GatewayName, string>;
  readonly simulatorUrl: string;
  /** Spawn until the gateway's `/ready` (the consent subgraph ready: it can serve). */
  readonly startupMs: number;
  /** Spawn until every subgraph's `/ready` too: the screening projection built, the whole system in. */
  readonly allReadyMs: number;
  /** Each subgraph's GraphQL URL. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
}
type GatewayName = 'hoi-gateway' | 'apollo-gateway' | 'hive-gateway';
const GATEWAY_NAMES: readonly GatewayName[] = ['hoi-gateway', 'apollo-gateway', 'hive-gateway'];
/** BENCH_GATEWAYS narrows the gateways started (a comma list; for quick looks, not for ratios). */
const GATEWAYS = GATEWAY_NAMES.filter(
  (g) => !process.env.BENCH_GATEWAYS || process.env.BENCH_GATEWAYS.split(',').includes(g),
);

async function caseworkerToken(): Promise<string> {
  return benchCaseworkerToken(JWT_SECRET);
}

/** Headers every gateway gets: the same token (the peers sign the subgraphs' access contexts). */
async function headers(token: string): Promise<Record<string, string>> {
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}

async function stopStack(stack: Stack): Promise<void> {
  await stopAll(stack.services);
  rmSync(stack.dataDir, { recursive: true, force: true });
}

async function startStack(options: {
  cache: 'off' | 'redis';
  citizens: number;
  peers: boolean;
  offset: number;
}): Promise<Stack> {
  const started = performance.now();
  const port = (n: number) => BASE_PORT + options.offset + n;
  const dataDir = mkdtempSync(join(tmpdir(), 'hoi-bench-'));
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATASET_CITIZENS: String(options.citizens),
    DATASET_SEED: '1',
    ACCESS_CONTEXT_SECRET: ACCESS_SECRET,
    AUTH_JWT_SECRET: JWT_SECRET,
    CACHE_MODE: options.cache === 'off' ? 'off' : 'auto',
    REDIS_URL: options.cache === 'redis' ? REDIS_URL : '',
    CACHE_ENCRYPTION_KEY: CACHE_KEY,
    CONSENT_DATA_DIR: join(dataDir, 'consent'),
    SCREENING_DATA_DIR: join(dataDir, 'screening'),
    PLAN_DATA_DIR: join(dataDir, 'plan'),
    DATABASE_URL: '',
    // One principal drives the whole load: the per-principal limit is not what is measured.
    RATE_LIMIT_PER_PRINCIPAL: '0',
  };
  const simulatorUrl = `http://127.0.0.1:${port(10)}`;
  const services: Service[] = [];
  services.push(
    await startService(
      'simulator',
      'simulator/dist/index.js',
      { ...common, SIMULATOR_PORT: String(port(10)), SIMULATOR_LATENCY_MS: String(LATENCY_MS) },
      `${simulatorUrl}/health`,
    ),
  );
  const subgraphUrls: Record<string, string> = {};
  const subgraphEnv: NodeJS.ProcessEnv = {
    ...common,
    SOURCE_MODE: 'http',
    SOURCE_URL: simulatorUrl,
  };
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name, i) => {
      subgraphUrls[name] = `http://127.0.0.1:${port(1 + i)}/graphql`;
      services.push(
        await startService(
          name,
          `subgraphs/${name}/dist/index.js`,
          { ...subgraphEnv, [`${name.toUpperCase()}_PORT`]: String(port(1 + i)) },
          `http://127.0.0.1:${port(1 + i)}/health`,
        ),
      );
    }),
  );
  const urlEnv = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, subgraphUrls[n]]),
  );
  const gateways = {} as Record<GatewayName, string>;
  const entries: [GatewayName, string, number][] = [
    ['hoi-gateway', 'gateway/dist/index.js', port(0)],
  ];
  if (options.peers)
    entries.push(
      ['apollo-gateway', 'bench/peers/apolloGateway.ts', port(20)],
      ['hive-gateway', 'bench/peers/hiveGateway.ts', port(21)],
    );
  await Promise.all(
    entries
      .filter(([name]) => name === 'hoi-gateway' || GATEWAYS.includes(name))
      .map(async ([name, entry, p]) => {
        gateways[name] = `http://127.0.0.1:${p}/graphql`;
        services.push(
          await startService(
            name,
            entry,
            { ...common, ...urlEnv, PORT: String(p) },
            `http://127.0.0.1:${p}/graphql?query=%7B__typename%7D`,
          ),
        );
      }),
  );
  // The gateway is ready once the consent subgraph is (it can serve; other subgraphs not yet
  // ready make answers partial); the system is in once every subgraph is ready too, the
  // screening subgraph after building its projection of every citizen.
  const readyUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '/ready');
  const startupMs = await waitUntilReady([readyUrl(gateways['hoi-gateway'])], started);
  const allReadyMs = await waitUntilReady(
    SUBGRAPH_NAMES.map((n) => readyUrl(subgraphUrls[n] as string)),
    started,
  );
  return { services, dataDir, gateways, simulatorUrl, startupMs, allReadyMs, subgraphUrls };
}

/** Waits until every URL answers 200 (at most 300 s); ms since `started`. */
async function waitUntilReady(urls: readonly string[], started: number): Promise<number> {
  const pending = new Set(urls);
  for (let deadline = Date.now() + 300_000; pending.size > 0 && Date.now() < deadline;) {
    for (const url of [...pending])
      if ((await fetch(url).catch(() => null))?.ok) pending.delete(url);
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 200));
  }
  if (pending.size > 0) throw new Error(`not ready within 300 s: ${[...pending].join(', ')}`);
  return performance.now() - started;
}

/** p50 of single-citizen calls to each source of the simulator: the physical floor. */
async function slowestSourceP50(
  simulatorUrl: string,
  cpr: string,
): Promise<{ source: string; p50: number }> {
  const sources = [
    'consent-register',
    'case-index',
    'benefit-index',
    'intervention-index',
    'employment-dfdg',
  ];
  let slowest = { source: '', p50: 0 };
  for (const source of sources) {
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const res = await fetch(`${simulatorUrl}/sources/${source}/citizens:batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cprs: [cpr] }),
      });
      await res.text();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p50 = times[times.length >> 1] as number;
    if (p50 > slowest.p50) slowest = { source, p50 };
  }
  return slowest;
}

async function check(url: string, body: unknown, hdrs: Record<string, string>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: hdrs, body: JSON.stringify(body) });
  const json = (await res.json()) as { errors?: unknown[] };
  if (json.errors)
    throw new Error(`${url} answered errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
}

/** One gateway's fan-out figure: median uncached overview at 0 ms and at FANOUT_LATENCY_MS. */
interface FanOut {
  readonly gateway: GatewayName;
  readonly at0: number;
  readonly atLatency: number;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/**
 * The fan-out (DESIGN §9), per gateway: the median uncached overview with every source at
 * FANOUT_LATENCY_MS against the same at 0 ms. The runs alternate, so that machine load weighs
 * on both alike; what the latency adds is the figure. The plan's floor is two source
 * latencies (consent, then the four indexes together), in series it would be five. A figure
 * here rather than a threshold in the tests, where it depended on the machine.
 */
async function fanOut(stack: Stack, token: string, dataset: Dataset): Promise<FanOut[]> {
  const faults = async (method: 'PUT' | 'DELETE', body?: unknown) => {
    const res = await fetch(`${stack.simulatorUrl}/admin/faults`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} /admin/faults: ${res.status} ${await res.text()}`);
  };
  const results: FanOut[] = [];
  try {
    for (const [g, gateway] of GATEWAYS.entries()) {
      const url = stack.gateways[gateway];
      if (!url) continue;
      const hdrs = await headers(token);
      const timed = async (cpr: string) => {
        const t0 = performance.now();
        await check(url, { query: OVERVIEW, variables: { cpr } }, hdrs);
        return performance.now() - t0;
      };
      await faults('PUT', { latencyMs: 0 });
      for (let i = 0; i < 5; i++) await timed(dataset.cprAt(i));
      const slow: number[] = [];
      const fast: number[] = [];
      for (let i = 0; i < FANOUT_RUNS; i++) {
        const n = 100 + 2 * (g * FANOUT_RUNS + i);
        await faults('PUT', { latencyMs: FANOUT_LATENCY_MS });
        slow.push(await timed(dataset.cprAt(n)));
        await faults('PUT', { latencyMs: 0 });
        fast.push(await timed(dataset.cprAt(n + 1)));
      }
      const result = { gateway, at0: median(fast), atLatency: median(slow) };
      console.log(
        `  fan-out ${gateway.padEnd(15)} p50 ${result.atLatency.toFixed(1)} ms at ${FANOUT_LATENCY_MS} ms per source, ${result.at0.toFixed(1)} ms at 0 ms: adds ${(result.atLatency - result.at0).toFixed(1)} ms (floor ${2 * FANOUT_LATENCY_MS} ms, in series ${OVERVIEW_SOURCES * FANOUT_LATENCY_MS} ms)`,
      );
      results.push(result);
    }
  } finally {
    // The start-up faults again (BENCH_LATENCY_MS on every source).
    await faults('DELETE');
  }
  return results;
}

/** One gateway's p50 of the plain overview and of the overview with plan and timeline. */
interface WithPlan {
  readonly gateway: GatewayName;
  readonly overview: number;
  readonly withPlan: number;
}

/** Uncached overviews of citizens with a demo plan, with and without plan and timeline, alternating. */
const PLAN_RUNS = 40;

/**
 * The price of the plan and the timeline (issue 11): p50 of the uncached overview of a
 * citizen with a plan, with and without `hoiPlan` and `timeline`, alternating, per gateway.
 * The plan subgraph is asked once, beside the four index subgraphs, so it adds its own
 * answer time, not another round.
 */
async function withPlan(stack: Stack, token: string, dataset: Dataset): Promise<WithPlan[]> {
  const holders = demoPlans(dataset, PLAN_RUNS * 3).map((p) => p.cpr);
  if (holders.length === 0) throw new Error('no demo plans in the bench dataset');
  const results: WithPlan[] = [];
  for (const gateway of GATEWAYS) {
    const url = stack.gateways[gateway];
    if (!url) continue;
    const hdrs = await headers(token);
    const timed = async (query: string, cpr: string) => {
      const t0 = performance.now();
      await check(url, { query, variables: { cpr } }, hdrs);
      return performance.now() - t0;
    };
    for (let i = 0; i < 5; i++) await timed(OVERVIEW_WITH_PLAN, holders[i % holders.length]!);
    const plain: number[] = [];
    const planned: number[] = [];
    for (let i = 0; i < PLAN_RUNS; i++) {
      const cpr = holders[i % holders.length]!;
      plain.push(await timed(OVERVIEW, cpr));
      planned.push(await timed(OVERVIEW_WITH_PLAN, cpr));
    }
    const result = { gateway, overview: median(plain), withPlan: median(planned) };
    console.log(
      `  plan ${gateway.padEnd(15)} overview p50 ${result.overview.toFixed(1)} ms, with plan and timeline ${result.withPlan.toFixed(1)} ms`,
    );
    results.push(result);
  }
  return results;
}

/** One gateway's figures under the realistic workload (issue 16). */
interface RealisticRow {
  readonly scenario: string;
  readonly gateway: GatewayName;
  readonly result: LoadResult;
  /** Gateway CPU (user + system) per answered request, from /proc. */
  readonly cpuMsPerRequest: number;
  /** Share of index-subgraph entity fetches the entity cache answered (ours, warm); null: none. */
  readonly entityHitRatio: number | null;
  /** CPU ms per answered request of every process of the stack, Redis and the load generator. */
  readonly cpuByProcess: Readonly<Record<string, number>>;
}

/** Draws of a Zipf-like popularity (exponent 1) over `n` citizens, seeded: a few are looked at often, most rarely. */
function zipfDraws(n: number, count: number, seed: number): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= n; k++) cumulative.push((total += 1 / k));
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: the same draws on every run.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  // Ranks are spread over the dataset by a fixed permutation step, not index order.
  return Array.from({ length: count }, () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return (lo * 7919) % n;
  });
}

/** Empties the bench's Redis database (the caches of the warm stack). */
async function flushRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/**
 * Checks that every gateway of the stack gives a caller of some areas the same overview: the
 * peers act for the caller the token names, so the subgraphs do the same work for all three.
 */
async function sameAnswers(stack: Stack, cpr: string, token: string): Promise<void> {
  const answers = new Map<string, string>();
  for (const gateway of GATEWAYS) {
    const url = stack.gateways[gateway];
    if (!url) continue;
    const res = await fetch(url, {
      method: 'POST',
      headers: await headers(token),
      body: JSON.stringify({ query: OVERVIEW, variables: { cpr } }),
    });
    answers.set(gateway, JSON.stringify(await res.json()));
  }
  const [first, ...rest] = [...answers.entries()];
  for (const [gateway, answer] of rest)
    if (answer !== first![1])
      throw new Error(
        `${gateway} answered another overview than ${first![0]}:\n${answer.slice(0, 400)}\n${first![1].slice(0, 400)}`,
      );
}

/** The callers of the realistic workload: caseworkers of different areas, one token each. */
async function realisticCallers(): Promise<string[]> {
  return Promise.all([
    benchCaseworkerToken(JWT_SECRET, 'bench-all'),
    benchCaseworkerToken(JWT_SECRET, 'bench-employment', ['EMPLOYMENT']),
    benchCaseworkerToken(JWT_SECRET, 'bench-social', ['SOCIAL_ADULT', 'HEALTH']),
    benchCaseworkerToken(JWT_SECRET, 'bench-children', ['CHILDREN_FAMILY', 'EDUCATION']),
    benchCaseworkerToken(JWT_SECRET, 'bench-addiction', ['ADDICTION', 'EMPLOYMENT']),
  ]);
}

/** User + system CPU milliseconds of a process so far (Linux /proc, 10 ms ticks). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The local Redis server's pid, for its CPU (null: not found, e.g. another host). */
function redisPid(): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'redis-server') return Number(entry);
    }
  } catch {
    // no /proc: no Redis figure
  }
  return undefined;
}

/** CPU ms so far of every process of the stack and of Redis, by name. */
function stackCpu(stack: Stack): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const s of stack.services) byName[s.name] = cpuMs(s.child.pid);
  const redis = redisPid();
  if (redis !== undefined) byName.redis = cpuMs(redis);
  return byName;
}

/** Entity fetches the four index subgraphs have answered so far (their own /metrics). */
async function indexEntityFetches(stack: Stack): Promise<number> {
  let total = 0;
  for (const name of ['cases', 'benefits', 'interventions', 'employment']) {
    const text = await (
      await fetch(stack.subgraphUrls[name]!.replace(/\/graphql$/, '/metrics'))
    ).text();
    for (const line of text.split('\n'))
      if (/^hoi_graphql_requests_total\{[^}]*operation="_entities"/.test(line))
        total += Number(line.split(' ').at(-1));
  }
  return total;
}

/**
 * The realistic workload on every gateway of the stack: overviews of citizens drawn by
 * popularity from the whole dataset, five callers of different areas in turn; closed-loop at
 * CONNECTIONS, or open-loop at `rate` requests per second. With `warm`, a warm-up run first.
 */
async function realistic(
  stack: Stack,
  scenario: string,
  draws: readonly number[],
  dataset: Dataset,
  options: { rate?: number; warm?: boolean } = {},
): Promise<RealisticRow[]> {
  const tokens = await realisticCallers();
  const bodies = draws.map((i) =>
    JSON.stringify({ query: OVERVIEW, variables: { cpr: dataset.cprAt(i) } }),
  );
  const rows: RealisticRow[] = [];
  await sameAnswers(stack, dataset.cprAt(draws[0] as number), tokens[1] as string);
  for (const gateway of GATEWAYS) {
    const url = stack.gateways[gateway];
    if (!url) continue;
    // Every gateway starts from empty shared caches: the subgraphs' source caches warmed by the
    // gateway before would otherwise favour the next (it would find the citizens cached).
    if (options.warm) await flushRedis();
    const load = (durationS: number) =>
      runVariedLoad({
        url,
        bodies,
        tokens,
        connections: options.rate ? 8 : CONNECTIONS,
        durationS,
        ...(options.rate ? { rate: options.rate } : {}),
      });
    if (options.warm) await load(Math.max(3, Math.round(DURATION_S / 2)));
    const [cpuBefore, fetchesBefore] = [stackCpu(stack), await indexEntityFetches(stack)];
    const result = await load(DURATION_S);
    const cpuAfter = stackCpu(stack);
    const fetched = (await indexEntityFetches(stack)) - fetchesBefore;
    const answered = Math.max(1, result.requests - result.errors);
    const cpuByProcess: Record<string, number> = {};
    for (const [name, ms] of Object.entries(cpuAfter)) {
      // The other gateways idle through this run: only the one under load is listed.
      if (GATEWAY_NAMES.includes(name as GatewayName) && name !== gateway) continue;
      cpuByProcess[name] = (ms - (cpuBefore[name] ?? 0)) / answered;
    }
    if (result.cpuMs !== undefined) cpuByProcess.load = result.cpuMs / answered;
    const row: RealisticRow = {
      scenario,
      gateway,
      result,
      cpuByProcess,
      cpuMsPerRequest: cpuByProcess[gateway] ?? 0,
      // Each overview needs one entity fetch per index subgraph unless the cache answers it.
      entityHitRatio:
        gateway === 'hoi-gateway' && options.warm
          ? Math.max(0, 1 - fetched / (4 * answered))
          : null,
    };
    console.log(
      `  ${scenario.padEnd(36)} ${gateway.padEnd(15)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  CPU ${row.cpuMsPerRequest.toFixed(2)} ms/req${row.entityHitRatio === null ? '' : `  entity hits ${(row.entityHitRatio * 100).toFixed(0)} %`}  errors ${result.errors}`,
    );
    console.log(
      `    CPU ms/req by process: ${formatCpu(cpuByProcess)}; index-subgraph requests per overview ${(fetched / answered).toFixed(2)}`,
    );
    rows.push(row);
  }
  return rows;
}

interface Row {
  scenario: string;
  gateway: GatewayName;
  result: LoadResult;
}

async function loadAll(
  stack: Stack,
  scenario: string,
  body: unknown,
  token: string,
  warmups = 0,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const gateway of GATEWAYS) {
    const url = stack.gateways[gateway];
    if (!url) continue;
    const hdrs = await headers(token);
    await check(url, body, hdrs);
    for (let i = 0; i < warmups; i++) await check(url, body, hdrs);
    const result = await runLoad({
      url,
      body: JSON.stringify(body),
      headers: hdrs,
      connections: CONNECTIONS,
      durationS: DURATION_S,
    });
    console.log(
      `  ${scenario.padEnd(28)} ${gateway.padEnd(15)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  errors ${result.errors}`,
    );
    rows.push({ scenario, gateway, result });
  }
  return rows;
}

/** Consent withdrawal under load: counts reads after withdrawConsent returned that still show the area. */
async function withdrawalUnderLoad(
  stack: Stack,
  token: string,
  cpr: string,
): Promise<{ reads: number; stale: number }> {
  const url = stack.gateways['hoi-gateway'];
  const hdrs = await headers(token);
  const limited = await benchCaseworkerToken(JWT_SECRET, 'bench-limited', ['EMPLOYMENT']);
  const limitedHeaders = { ...hdrs, authorization: `Bearer ${limited}` };
  const post = async (h: Record<string, string>, query: string, variables: unknown) =>
    (await (
      await fetch(url, { method: 'POST', headers: h, body: JSON.stringify({ query, variables }) })
    ).json()) as { data?: { citizen?: { cases: { area: string }[] } } };
  const record = createDataset({ seed: 1, citizens: CITIZENS }).byCpr(cpr);
  const area = record?.cases.find((c) => c.area !== 'EMPLOYMENT')?.area ?? 'HEALTH';
  await post(
    hdrs,
    'mutation($cpr: CPR!, $a: [SectorArea!]!) { giveConsent(cpr: $cpr, areas: $a, validUntil: "2099-12-31") { id } }',
    { cpr, a: [area] },
  );
  const read = () =>
    post(limitedHeaders, 'query($cpr: CPR!) { citizen(cpr: $cpr) { cases { area } } }', { cpr });
  for (let i = 0; i < 20; i++) await read(); // warm the caches with the consented view
  const background = runLoad({
    url,
    body: JSON.stringify({ query: OVERVIEW, variables: { cpr } }),
    headers: hdrs,
    connections: CONNECTIONS,
    durationS: 4,
  });
  await new Promise((r) => setTimeout(r, 1000));
  await post(hdrs, 'mutation($cpr: CPR!) { withdrawConsent(cpr: $cpr) { status } }', { cpr });
  let reads = 0;
  let stale = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (reads < 1000) {
        reads += 1;
        const res = await read();
        if (res.data?.citizen?.cases.some((c) => c.area === area)) stale += 1;
      }
    }),
  );
  await background;
  return { reads, stale };
}

/** "hoi-gateway 1.48, consent 1.20, …, total 5.30": the biggest first. */
function formatCpu(byProcess: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byProcess).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, ms]) => sum + ms, 0);
  return [...entries.map(([n, ms]) => `${n} ${ms.toFixed(2)}`), `total ${total.toFixed(2)}`].join(
    ', ',
  );
}

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  const out: string[] = [];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const versions = [
    '@apollo/gateway',
    '@apollo/server',
    '@graphql-hive/gateway-runtime',
    'autocannon',
  ].map(
    (p) =>
      `${p} ${(JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version}`,
  );
  console.log(
    `hoi-gateway bench: ${machine}; source latency ${LATENCY_MS} ms; ${CONNECTIONS} connections × ${DURATION_S} s per run`,
  );
  const token = await caseworkerToken();
  const dataset = createDataset({ seed: 1, citizens: CITIZENS });
  const [sample] = sampleCitizens(dataset, 1);
  const cpr = sample!.cpr;
  const fifty = sampleCitizens(dataset, 50).map((s) => s.cpr);
  const rows: Row[] = [];
  let reference = { source: '', p50: 0 };
  let fanout: FanOut[] = [];
  let planFigures: WithPlan[] = [];
  const realisticRows: RealisticRow[] = [];
  const draws = zipfDraws(CITIZENS, 20_000, 16);

  if (COLD_SCENARIOS.some(wanted)) {
    console.log('cold: every cache off');
    const stack = await startStack({ cache: 'off', citizens: CITIZENS, peers: true, offset: 0 });
    try {
      reference = await slowestSourceP50(stack.simulatorUrl, cpr);
      console.log(
        `  slowest single source call p50: ${reference.p50.toFixed(1)} ms (${reference.source})`,
      );
      if (wanted('cold'))
        rows.push(
          ...(await loadAll(
            stack,
            'overview, 1 citizen, cold',
            { query: OVERVIEW, variables: { cpr } },
            token,
          )),
        );
      if (wanted('fanout')) fanout = await fanOut(stack, token, dataset);
      if (wanted('plan')) planFigures = await withPlan(stack, token, dataset);
      if (wanted('realistic'))
        realisticRows.push(
          ...(await realistic(stack, 'realistic, cold, closed-loop', draws, dataset)),
          ...(await realistic(stack, 'realistic, cold, open-loop 50 req/s', draws, dataset, {
            rate: 50,
          })),
        );
    } finally {
      await stopStack(stack);
    }
  }

  let withdrawal: { reads: number; stale: number } | null = null;
  if (WARM_SCENARIOS.some(wanted)) {
    console.log(
      'warm: Redis caches on (peers have no cache of their own; they reach the same subgraphs)',
    );
    const stack = await startStack({ cache: 'redis', citizens: CITIZENS, peers: true, offset: 30 });
    try {
      if (wanted('warm'))
        rows.push(
          ...(await loadAll(
            stack,
            'overview, 1 citizen, warm',
            { query: OVERVIEW, variables: { cpr } },
            token,
            5,
          )),
        );
      if (wanted('warm50'))
        rows.push(
          ...(await loadAll(
            stack,
            'overview, 50 citizens, warm',
            { query: MANY, variables: { cprs: fifty } },
            token,
            5,
          )),
        );
      if (wanted('realistic')) {
        realisticRows.push(
          ...(await realistic(stack, 'realistic, warm, closed-loop', draws, dataset, {
            warm: true,
          })),
          ...(await realistic(stack, 'realistic, warm, open-loop 50 req/s', draws, dataset, {
            warm: true,
            rate: 50,
          })),
        );
      }
      if (wanted('withdrawal')) {
        withdrawal = await withdrawalUnderLoad(stack, token, fifty[7]!);
        console.log(
          `  withdrawal under load: ${withdrawal.reads} reads after withdrawConsent returned, ${withdrawal.stale} stale`,
        );
      }
    } finally {
      await stopStack(stack);
    }
  }

  const scaling: (string | number)[][] = [];
  const rssByProcess: string[] = [];
  if (SCALING !== 'off') {
    for (const size of SCALING.split(',').map(Number)) {
      console.log(`scaling: ${size} citizens`);
      const s = await startStack({ cache: 'redis', citizens: size, peers: false, offset: 60 });
      try {
        const ds = createDataset({ seed: 1, citizens: size });
        const probe = ds.cprAt(size - 1);
        const hdrs = await headers(token);
        await check(
          s.gateways['hoi-gateway'],
          { query: OVERVIEW, variables: { cpr: probe } },
          hdrs,
        );
        const lat: number[] = [];
        for (let i = 0; i < 200; i++) {
          const c = ds.cprAt(Math.floor((i * size) / 200));
          const t0 = performance.now();
          await check(s.gateways['hoi-gateway'], { query: OVERVIEW, variables: { cpr: c } }, hdrs);
          lat.push(performance.now() - t0);
        }
        lat.sort((a, b) => a - b);
        const byName = (n: string) => s.services.find((x) => x.name === n)!;
        const subgraphRss = SUBGRAPH_NAMES.map((n) => rssMiB(byName(n))).reduce((a, b) => a + b, 0);
        const rssEach = ['hoi-gateway', ...SUBGRAPH_NAMES, 'simulator']
          .map(
            (n) =>
              `${n} ${rssMiB(byName(n)).toFixed(0)} (peak ${peakRssMiB(byName(n)).toFixed(0)})`,
          )
          .join(', ');
        rssByProcess.push(`${size.toLocaleString('en')} citizens: ${rssEach}`);
        scaling.push([
          size.toLocaleString('en'),
          (s.startupMs / 1000).toFixed(1),
          (s.allReadyMs / 1000).toFixed(1),
          (lat[100] as number).toFixed(1),
          rssMiB(byName('hoi-gateway')).toFixed(0),
          subgraphRss.toFixed(0),
          rssMiB(byName('simulator')).toFixed(0),
        ]);
        console.log(
          `  start-up ${(s.startupMs / 1000).toFixed(1)} s (gateway ready), ${(s.allReadyMs / 1000).toFixed(1)} s (every subgraph ready), cold overview p50 ${(lat[100] as number).toFixed(1)} ms`,
        );
        console.log(`  RSS MiB: ${rssEach}`);
      } finally {
        await stopStack(s);
      }
    }
  }

  const get = (scenario: string, gateway: GatewayName) =>
    rows.find((r) => r.scenario === scenario && r.gateway === gateway)?.result;
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  out.push(`Run: ${new Date().toISOString()} · ${machine}`);
  out.push(`Versions: ${versions.join(', ')}`);
  out.push(
    `Settings: source latency ${LATENCY_MS} ms (simulator), ${CONNECTIONS} connections, ${DURATION_S} s per run, dataset ${CITIZENS.toLocaleString('en')} citizens`,
  );
  if (rows.length > 0) {
    out.push('');
    out.push(
      table(
        ['scenario', 'gateway', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
        rows.map((r) => [
          r.scenario,
          r.gateway,
          r.result.rps.toFixed(0),
          r.result.p50,
          r.result.p99,
          r.result.errors,
        ]),
      ),
    );
    out.push('');
    out.push(
      table(
        [
          'scenario',
          'ours / apollo (req/s)',
          'ours / hive (req/s)',
          'ours p50 / slowest source p50',
        ],
        scenarios.map((s) => {
          const ours = get(s, 'hoi-gateway') as LoadResult;
          const apollo = get(s, 'apollo-gateway');
          const hive = get(s, 'hive-gateway');
          return [
            s,
            apollo ? (ours.rps / apollo.rps).toFixed(2) : '–',
            hive ? (ours.rps / hive.rps).toFixed(2) : '–',
            (ours.p50 / reference.p50).toFixed(2),
          ];
        }),
      ),
    );
  }
  out.push('');
  if (reference.p50 > 0)
    out.push(
      `Slowest single source call p50 in this run: ${reference.p50.toFixed(1)} ms (${reference.source}).`,
    );
  if (withdrawal)
    out.push(
      `Consent withdrawal under load: ${withdrawal.reads} reads after withdrawConsent returned, ${withdrawal.stale} stale.`,
    );
  if (fanout.length > 0) {
    const sum = OVERVIEW_SOURCES * FANOUT_LATENCY_MS;
    out.push('');
    out.push(
      `Fan-out: uncached overview, p50 of ${FANOUT_RUNS} runs each with every source at ${FANOUT_LATENCY_MS} ms and at 0 ms, alternating. The plan's floor is ${2 * FANOUT_LATENCY_MS} ms (consent, then the four indexes together); the ${OVERVIEW_SOURCES} sources in series would add ${sum} ms.`,
    );
    out.push('');
    out.push(
      table(
        [
          'gateway',
          'p50 ms at 0 ms',
          `p50 ms at ${FANOUT_LATENCY_MS} ms`,
          'added ms',
          `added / ${sum} ms in series`,
        ],
        fanout.map((f) => [
          f.gateway,
          f.at0.toFixed(1),
          f.atLatency.toFixed(1),
          (f.atLatency - f.at0).toFixed(1),
          ((f.atLatency - f.at0) / sum).toFixed(2),
        ]),
      ),
    );
  }
  if (realisticRows.length > 0) {
    out.push('');
    out.push(
      `Realistic workload: overviews of ${CITIZENS.toLocaleString('en')} citizens drawn by a Zipf-like popularity (seeded, 20,000 draws), five caseworkers of different areas in turn. Closed-loop at ${CONNECTIONS} connections; open-loop at 50 req/s over 8 connections. Gateway CPU from /proc; entity hits: share of index-subgraph fetches our entity cache answered.`,
    );
    out.push('');
    out.push(
      table(
        [
          'scenario',
          'gateway',
          'req/s',
          'p50 ms',
          'p99 ms',
          'gateway CPU ms/req',
          'entity hits',
          'errors',
        ],
        realisticRows.map((r) => [
          r.scenario,
          r.gateway,
          r.result.rps.toFixed(0),
          r.result.p50,
          r.result.p99,
          r.cpuMsPerRequest.toFixed(2),
          r.entityHitRatio === null ? '–' : `${(r.entityHitRatio * 100).toFixed(0)} %`,
          r.result.errors,
        ]),
      ),
    );
    const ours = (scenario: string) =>
      realisticRows.find((r) => r.scenario === scenario && r.gateway === 'hoi-gateway');
    const ratios = [...new Set(realisticRows.map((r) => r.scenario))].map((scenario) => {
      const o = ours(scenario);
      const of = (g: GatewayName) =>
        realisticRows.find((r) => r.scenario === scenario && r.gateway === g);
      const ratio = (g: GatewayName) =>
        o && of(g) ? (o.result.rps / of(g)!.result.rps).toFixed(2) : '–';
      const cpu = (g: GatewayName) =>
        o && of(g) ? (o.cpuMsPerRequest / of(g)!.cpuMsPerRequest).toFixed(2) : '–';
      const toSource = o && reference.p50 > 0 ? (o.result.p50 / reference.p50).toFixed(2) : '–';
      return [
        scenario,
        ratio('apollo-gateway'),
        ratio('hive-gateway'),
        cpu('apollo-gateway'),
        cpu('hive-gateway'),
        toSource,
      ];
    });
    out.push('');
    out.push(
      'Where the CPU goes: CPU ms per answered request of each process during the run (the gateway under load, the subgraphs, the simulator, Redis, the load generator); on 2 cores the total bounds the closed-loop rate.',
    );
    out.push('');
    out.push(
      table(
        ['scenario', 'gateway', 'CPU ms/req by process', 'total'],
        realisticRows.map((r) => {
          const total = Object.values(r.cpuByProcess).reduce((a, b) => a + b, 0);
          return [
            r.scenario,
            r.gateway,
            formatCpu(r.cpuByProcess).replace(/, total .*$/, ''),
            total.toFixed(2),
          ];
        }),
      ),
    );
    out.push('');
    out.push(
      table(
        [
          'scenario',
          'ours / apollo (req/s)',
          'ours / hive (req/s)',
          'CPU/req ours / apollo',
          'CPU/req ours / hive',
          'ours p50 / slowest source p50',
        ],
        ratios,
      ),
    );
  }
  if (planFigures.length > 0) {
    out.push('');
    out.push(
      `Plan and timeline: uncached overview of citizens with a plan, p50 of ${PLAN_RUNS} runs each, with and without \`hoiPlan\` and \`timeline\`, alternating (one request per subgraph either way).`,
    );
    out.push('');
    out.push(
      table(
        ['gateway', 'overview p50 ms', 'with plan and timeline p50 ms', 'ratio'],
        planFigures.map((f) => [
          f.gateway,
          f.overview.toFixed(1),
          f.withPlan.toFixed(1),
          (f.withPlan / f.overview).toFixed(2),
        ]),
      ),
    );
  }
  if (scaling.length > 0) {
    out.push('');
    out.push(
      table(
        [
          'citizens',
          'start-up s: gateway ready',
          'start-up s: every subgraph ready',
          'cold overview p50 ms',
          'gateway RSS MiB',
          'subgraphs RSS MiB (sum of 7)',
          'simulator RSS MiB',
        ],
        scaling,
      ),
    );
    out.push('');
    out.push('Resident memory per process (MiB), after the overviews (peak since start):');
    out.push('');
    for (const line of rssByProcess) out.push(`- ${line}`);
  }
  const text = out.join('\n');
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/latest.md'), `${text}\n`);
  console.log(`\n${text}\n\n(written to bench/results/latest.md)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
