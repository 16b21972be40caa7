/**
 * The warm overview of two builds of hoi-gateway side by side, in one run (issue 13
 * acceptance 6: the warm-overview figure moves by no more than 10 %). Each build runs its own
 * whole stack (simulator, subgraphs, gateway, Redis caches under its own key prefix); the
 * load alternates between them, round by round, so that the machine's state weighs on both
 * alike. A is another checkout, built (`BENCH_AB_BEFORE=/path`); B is this one.
 *
 * Run: `npm run build && BENCH_AB_BEFORE=/tmp/hoi-before npm run tool -- bench/warmAB.ts`
 * (BENCH_AB_ROUNDS, 3; BENCH_DURATION_S, 10; BENCH_CONNECTIONS, 32).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createDataset, sampleCitizens } from '@hoi/dataset';
import { runLoad, type LoadResult } from './load.js';
import { benchCaseworkerToken } from './tokens.js';
import { startService, stopAll, type Service } from './processes.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BEFORE = process.env.BENCH_AB_BEFORE;
if (!BEFORE || !existsSync(join(BEFORE, 'gateway/dist/index.js'))) {
  console.error('BENCH_AB_BEFORE must name another checkout, built (gateway/dist/index.js)');
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const JWT_SECRET = randomBytes(32).toString('base64url');
const OVERVIEW = `query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cpr access { area visible basis } consent { status areas validUntil }
  cases { id title area kle status openedAt closedAt sourceSystem } benefits { id name area status period { start end } }
  interventions { id title area legalBasis status period { start end } } employment { contactGroup visitation jobGoals } } }`;

interface Stack {
  readonly label: string;
  readonly url: string;
  readonly services: Service[];
  readonly dataDir: string;
}

async function startStack(label: string, root: string, base: number): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), `hoi-ab-${label}-`));
  const subgraphs = readdirSync(join(root, 'subgraphs')).filter((n) =>
    existsSync(join(root, 'subgraphs', n, 'dist/index.js')),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATASET_CITIZENS: '10000',
    DATASET_SEED: '1',
    ACCESS_CONTEXT_SECRET: randomBytes(32).toString('base64url'),
    AUTH_JWT_SECRET: JWT_SECRET,
    CACHE_MODE: 'auto',
    REDIS_URL,
    CACHE_KEY_PREFIX: `hoi:ab:${label}:`,
    CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: '',
    SOURCE_MODE: 'http',
    SOURCE_URL: `http://127.0.0.1:${base + 10}`,
    // One principal drives the load: the per-principal limit is not what is measured.
    RATE_LIMIT_PER_PRINCIPAL: '0',
    ...Object.fromEntries(
      subgraphs
        .map((n, i) => [
          [`${n.toUpperCase()}_DATA_DIR`, join(dataDir, n)],
          [`${n.toUpperCase()}_PORT`, String(base + 1 + i)],
          [`${n.toUpperCase()}_URL`, `http://127.0.0.1:${base + 1 + i}/graphql`],
        ])
        .flat(),
    ),
  };
  const services: Service[] = [];
  services.push(
    await startService(
      `${label}-simulator`,
      'simulator/dist/index.js',
      { ...env, SIMULATOR_PORT: String(base + 10), SIMULATOR_LATENCY_MS: '20' },
      `http://127.0.0.1:${base + 10}/health`,
      180_000,
      root,
    ),
  );
  for (const [i, n] of subgraphs.entries()) {
    services.push(
      await startService(
        `${label}-${n}`,
        `subgraphs/${n}/dist/index.js`,
        env,
        `http://127.0.0.1:${base + 1 + i}/health`,
        180_000,
        root,
      ),
    );
  }
  services.push(
    await startService(
      `${label}-gateway`,
      'gateway/dist/index.js',
      { ...env, PORT: String(base) },
      `http://127.0.0.1:${base}/ready`,
      300_000,
      root,
    ),
  );
  return { label, url: `http://127.0.0.1:${base}/graphql`, services, dataDir };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  const token = await benchCaseworkerToken(JWT_SECRET);
  const cpr = sampleCitizens(createDataset({ seed: 1, citizens: 10_000 }), 1)[0]!.cpr;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const body = JSON.stringify({ query: OVERVIEW, variables: { cpr } });
  const stacks = [
    await startStack('A', BEFORE as string, 15_600),
    await startStack('B', ROOT, 15_700),
  ];
  const results: Record<string, LoadResult[]> = { A: [], B: [] };
  try {
    for (const s of stacks) {
      for (let i = 0; i < 5; i++) {
        const res = await fetch(s.url, { method: 'POST', headers, body });
        const json = (await res.json()) as { errors?: unknown };
        if (json.errors) throw new Error(`${s.label}: ${JSON.stringify(json.errors)}`);
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 === 0 ? stacks : [...stacks].reverse()) {
        const r = await runLoad({
          url: s.url,
          body,
          headers,
          connections: CONNECTIONS,
          durationS: DURATION_S,
        });
        results[s.label]!.push(r);
        console.log(
          `  round ${round + 1} ${s.label}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`,
        );
      }
    }
  } finally {
    for (const s of stacks) {
      await stopAll(s.services);
      rmSync(s.dataDir, { recursive: true, force: true });
    }
  }
  const a = results.A!;
  const b = results.B!;
  const rpsA = median(a.map((r) => r.rps));
  const rpsB = median(b.map((r) => r.rps));
  console.log(
    `\nwarm overview, ${cpus().length} vCPU, ${CONNECTIONS} connections × ${DURATION_S} s, ${ROUNDS} rounds alternating`,
  );
  console.log('| build | median req/s | median p50 ms | median p99 ms | errors |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [label, rs] of [
    ['A (before)', a],
    ['B (this)', b],
  ] as const)
    console.log(
      `| ${label} | ${median(rs.map((r) => r.rps)).toFixed(0)} | ${median(rs.map((r) => r.p50))} | ${median(rs.map((r) => r.p99))} | ${rs.reduce((n, r) => n + r.errors, 0)} |`,
    );
  console.log(`\nB / A req/s: ${(rpsB / rpsA).toFixed(2)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
