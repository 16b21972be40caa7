/**
 * Screening at municipality scale (issue 7), as deployed: the gateway, the consent subgraph
 * and the screening subgraph (and the other subgraphs, which the gateway waits for) as
 * separate processes (`node --import tsx`, embedded dataset of
 * BENCH_SCREENING_CITIZENS citizens, default 1,000,000; PGlite stores; every request audited).
 * Measures, sequentially over loopback HTTP through the gateway:
 * - the projection: the screening subgraph's start until `/ready` (the bulk read of every
 *   citizen in the background), the build time it logs, and its resident memory;
 * - cpr-liste: the first page of `screening` with its totalCount: the first of the day (which
 *   derives the day's lists from the snapshot), then p50/p99;
 * - cpr-knap: one `citizen(cpr) { hoiEligibility }` (consent hop, then screening), p50/p99.
 * Targets (issue 7): first page + totalCount < 1 s; one hoiEligibility < 20 ms.
 *
 * Run: `npm run build && npm run tool -- bench/screening.ts`; BENCH_SCREENING_CITIZENS, BENCH_SCREENING_CALLS (1000).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { createDataset } from '@hoi/dataset';
import { ACCESS_CONTEXT_HEADER, createAccessContextSigner, createAccessGrants } from '@hoi/access';
import { rssMiB, startService, stopAll, type Service } from './processes.js';

const CITIZENS = Number(process.env.BENCH_SCREENING_CITIZENS || 1_000_000);
const CALLS = Number(process.env.BENCH_SCREENING_CALLS || 1_000);
const BASE_PORT = 14_800;
/** Each subgraph's port, above BASE_PORT (the gateway's). */
const SUBGRAPH_PORT_OFFSETS = {
  consent: 1,
  cases: 2,
  benefits: 3,
  interventions: 4,
  employment: 5,
  screening: 6,
  plan: 7,
} as const;
const JWT_SECRET = randomBytes(32).toString('base64url');
const ACCESS_SECRET = randomBytes(32).toString('base64url');

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

function percentiles(samples: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) as number };
}

async function token(role: 'screener'): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench-screener')
    .setIssuer('hoi-gateway-dev')
    .setAudience('hoi-gateway')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

console.log(
  `screening bench: ${CITIZENS.toLocaleString('en')} citizens, ${CALLS} calls; ${cpus().length} vCPU, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, load average ${loadavg()[0]!.toFixed(2)}`,
);
const dataDir = mkdtempSync(join(tmpdir(), 'hoi-bench-screening-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  LOG_LEVEL: 'info',
  DATASET_CITIZENS: String(CITIZENS),
  DATASET_SEED: '1',
  ACCESS_CONTEXT_SECRET: ACCESS_SECRET,
  AUTH_JWT_SECRET: JWT_SECRET,
  CACHE_MODE: 'off',
  REDIS_URL: '',
  DATABASE_URL: '',
  SOURCE_MODE: 'embedded',
  CONSENT_DATA_DIR: join(dataDir, 'consent'),
  SCREENING_DATA_DIR: join(dataDir, 'screening'),
  PLAN_DATA_DIR: join(dataDir, 'plan'),
  PORT: String(BASE_PORT),
};
// Every subgraph on its own port: the gateway answers nothing (SERVICE_UNAVAILABLE) until each
// has answered once, so the ones this bench does not measure run too.
for (const [name, offset] of Object.entries(SUBGRAPH_PORT_OFFSETS)) {
  env[`${name.toUpperCase()}_PORT`] = String(BASE_PORT + offset);
  env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${BASE_PORT + offset}/graphql`;
}
const services: Service[] = [];
try {
  for (const name of ['cases', 'benefits', 'interventions', 'employment', 'plan'] as const)
    services.push(
      await startService(
        name,
        `subgraphs/${name}/dist/index.js`,
        env,
        `http://127.0.0.1:${BASE_PORT + SUBGRAPH_PORT_OFFSETS[name]}/health`,
      ),
    );
  const [consent, screening] = await Promise.all([
    startService(
      'consent',
      'subgraphs/consent/dist/index.js',
      env,
      `http://127.0.0.1:${BASE_PORT + 1}/health`,
    ),
    // Ready (200 on /ready) once the projection is built.
    startService(
      'screening',
      'subgraphs/screening/dist/index.js',
      env,
      `http://127.0.0.1:${BASE_PORT + 6}/ready`,
      600_000,
    ),
  ]);
  services.push(consent, screening);
  services.push(
    await startService(
      'gateway',
      'gateway/dist/index.js',
      env,
      `http://127.0.0.1:${BASE_PORT}/health`,
    ),
  );
  const built = /"citizens":(\d+),"candidates":(\d+),"ms":(\d+)/.exec(screening.output());
  const screeningRss = rssMiB(screening);
  const consentRss = rssMiB(consent);

  const url = `http://127.0.0.1:${BASE_PORT}/graphql`;
  const authorization = `Bearer ${await token('screener')}`;
  const query = async (
    q: string,
    variables?: Record<string, unknown>,
  ): Promise<[number, unknown]> => {
    const t = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: q, variables }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    const elapsed = performance.now() - t;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return [elapsed, body.data];
  };

  const FIRST_PAGE =
    '{ screening(group: MANDATORY, first: 50) { totalCount edges { cursor node { cpr age openCaseAreas group } } pageInfo { hasNextPage endCursor } sourcesAsOf } }';
  const [coldMs, cold] = await query(FIRST_PAGE);
  const mandatory = (cold as { screening: { totalCount: number } }).screening.totalCount;
  const [, optional] = await query('{ screening(group: OPTIONAL, first: 0) { totalCount } }');
  const pageSamples: number[] = [];
  for (let i = 0; i < Math.max(50, CALLS / 5); i++) pageSamples.push((await query(FIRST_PAGE))[0]);

  const dataset = createDataset({ seed: 1, citizens: CITIZENS });
  const ELIGIBILITY =
    'query($cpr: CPR!) { citizen(cpr: $cpr) { cpr hoiEligibility { mandatory optional toBeOffered reasons evaluatedAt } } }';
  for (let i = 0; i < 50; i++) await query(ELIGIBILITY, { cpr: dataset.cprAt(i) }); // warm-up
  const eligibilitySamples: number[] = [];
  let inGroup = 0;
  for (let i = 0; i < CALLS; i++) {
    // Citizens spread over the whole index range.
    const [t, data] = await query(ELIGIBILITY, {
      cpr: dataset.cprAt(Math.floor((((i * 7919) % CALLS) + 0.5) * (CITIZENS / CALLS))),
    });
    eligibilitySamples.push(t);
    const e = (data as { citizen: { hoiEligibility: { mandatory: boolean; optional: boolean } } })
      .citizen.hoiEligibility;
    if (e.mandatory || e.optional) inGroup += 1;
  }

  // References: the consent hop alone through the gateway (what every citizen read pays), and
  // the screening subgraph's part alone (an entity call with a signed context and grant).
  const referenceSamples: number[] = [];
  for (let i = 0; i < CALLS; i++)
    referenceSamples.push(
      (
        await query('query($cpr: CPR!) { citizen(cpr: $cpr) { cpr } }', {
          cpr: dataset.cprAt((i * 97) % CITIZENS),
        })
      )[0],
    );
  const grants = createAccessGrants(ACCESS_SECRET);
  const sign = createAccessContextSigner(ACCESS_SECRET);
  const directSamples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const cpr = dataset.cprAt((i * 89) % CITIZENS);
    const request = {
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { hoiEligibility { mandatory optional toBeOffered reasons evaluatedAt } } } }',
      variables: {
        r: [
          {
            __typename: 'Citizen',
            cpr,
            accessGrant: grants.sign(cpr, [], { sub: 'bench-screener', version: 0 }),
          },
        ],
      },
    };
    const accessContext = await sign(
      {
        principal: { sub: 'bench-screener', role: 'screener', areas: [] },
        requestId: `bench-${i}`,
        operationName: null,
      },
      request,
    );
    const t = performance.now();
    const res = await fetch(env.SCREENING_URL as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ACCESS_CONTEXT_HEADER]: accessContext },
      body: JSON.stringify(request),
    });
    const body = (await res.json()) as { errors?: unknown };
    directSamples.push(performance.now() - t);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  }

  const page = percentiles(pageSamples);
  const eligibility = percentiles(eligibilitySamples);
  const reference = percentiles(referenceSamples);
  const direct = percentiles(directSamples);
  const rows: [string, string][] = [
    ['citizens', CITIZENS.toLocaleString('en')],
    [
      'projection: bulk read + build (logged)',
      built
        ? `${ms(Number(built[3]))} (${Number(built[2]).toLocaleString('en')} possible candidates kept)`
        : 'n/a',
    ],
    ['screening subgraph: spawn until /ready', ms(screening.startupMs)],
    [
      'resident memory: screening / consent (same runtime + PGlite, no projection)',
      `${screeningRss.toFixed(0)} MiB / ${consentRss.toFixed(0)} MiB`,
    ],
    [
      'lists: MANDATORY / OPTIONAL totalCount',
      `${mandatory.toLocaleString('en')} / ${(optional as { screening: { totalCount: number } }).screening.totalCount.toLocaleString('en')}`,
    ],
    ['first page (50) + totalCount, first of the day', ms(coldMs)],
    [
      `first page (50) + totalCount, p50 / p99 / max (${pageSamples.length} calls)`,
      `${ms(page.p50)} / ${ms(page.p99)} / ${ms(page.max)}`,
    ],
    [
      `hoiEligibility, p50 / p99 / max (${CALLS} calls)`,
      `${ms(eligibility.p50)} / ${ms(eligibility.p99)} / ${ms(eligibility.max)}`,
    ],
    ['hoiEligibility sample: share in a group', `${((inGroup / CALLS) * 100).toFixed(0)} %`],
    [
      'reference: citizen(cpr) { cpr } (consent hop only), p50 / p99',
      `${ms(reference.p50)} / ${ms(reference.p99)}`,
    ],
    [
      'screening subgraph alone: _entities hoiEligibility, p50 / p99',
      `${ms(direct.p50)} / ${ms(direct.p99)}`,
    ],
    ['load average (1 min) at the end', loadavg()[0]!.toFixed(2)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\n| measure | value |\n|---|---|');
  for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
  const verdict = (p50: number, p99: number, limit: number) =>
    p99 < limit ? 'met at p99' : p50 < limit ? `met at p50, not at p99 (${ms(p99)})` : 'NOT met';
  console.log(
    `\ntarget first page + totalCount < 1 s: ${verdict(Math.max(coldMs, page.p50), Math.max(coldMs, page.p99), 1_000)}`,
  );
  console.log(
    `target one hoiEligibility < 20 ms: ${verdict(eligibility.p50, eligibility.p99, 20)}`,
  );
} finally {
  await stopAll(services);
  rmSync(dataDir, { recursive: true, force: true });
}
