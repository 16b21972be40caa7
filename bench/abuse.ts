/**
 * The alias-bomb figure of issue 13 (acceptance 3): the whole system as `npm start` runs it
 * (compiled, separate processes), then
 *
 * - the gateway's CPU time per 1 MiB alias-bomb body (20 bodies, one after another; read from
 *   /proc, 10 ms resolution), and whether any audit row or error other than
 *   OPERATION_LIMIT_EXCEEDED came of them;
 * - the latency of a normal overview query alone, and while 20 such bodies arrive at once.
 *
 * `npm run --silent tool -- bench/abuse.ts` (after `npm run build`). Prints the figures; it is
 * not a test.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { createDataset } from '@hoi/dataset';

const ROOT = new URL('..', import.meta.url).pathname;
const BASE = Number(process.env.BENCH_ABUSE_PORT || 14_700);
const JWT_SECRET = 'bench-abuse-jwt-secret-0123456789abcdefgh';
const CITIZENS = 2000;
const BOMBS = 20;
const dataDir = mkdtempSync(join(tmpdir(), 'hoi-bench-abuse-'));
const url = `http://127.0.0.1:${BASE}/graphql`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  PORT: String(BASE),
  CONSENT_PORT: String(BASE + 1),
  CASES_PORT: String(BASE + 2),
  BENEFITS_PORT: String(BASE + 3),
  INTERVENTIONS_PORT: String(BASE + 4),
  EMPLOYMENT_PORT: String(BASE + 5),
  SCREENING_PORT: String(BASE + 6),
  PLAN_PORT: String(BASE + 7),
  CONSENT_DATA_DIR: join(dataDir, 'consent'),
  SCREENING_DATA_DIR: join(dataDir, 'screening'),
  PLAN_DATA_DIR: join(dataDir, 'plan'),
  PLAN_DEMO_CITIZENS: '0',
  DATASET_CITIZENS: String(CITIZENS),
  DATASET_SEED: '1',
  AUTH_JWT_SECRET: JWT_SECRET,
  DATABASE_URL: '',
  REDIS_URL: '',
};
for (const key of ['CONSENT_URL', 'ACCESS_CONTEXT_SECRET']) delete env[key];

const launcher = spawn(process.execPath, ['scripts/dist/start.js'], {
  cwd: ROOT,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitReady(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${BASE}/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the system did not become ready');
}

/** The pid listening on the gateway's port. */
function gatewayPid(): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${BASE}`], { encoding: 'utf8' });
  const m = /pid=(\d+)/.exec(out);
  if (!m) throw new Error(`no process listens on ${BASE}`);
  return Number(m[1]);
}

/** User + system CPU time of a process, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // CLK_TCK is 100 on Linux
}

async function post(body: string, token: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** Sends BOMBS copies of BOMB_FILE at once; says "go" when the first are on their way. */
const BOMB_SENDER = `
const body = require('node:fs').readFileSync(process.env.BOMB_FILE, 'utf8');
const send = () => fetch(process.env.BOMB_URL, { method: 'POST', body,
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + process.env.BOMB_TOKEN } })
  .then((r) => r.text()).catch(() => null);
const all = Promise.all(Array.from({ length: Number(process.env.BOMBS) }, send));
setImmediate(() => process.stdout.write('go\\n'));
all.then(() => process.exit(0));
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

try {
  await waitReady();
  const pid = gatewayPid();
  const token = await new SignJWT({
    role: 'caseworker',
    areas: ['EMPLOYMENT', 'SOCIAL_ADULT', 'CHILDREN_FAMILY', 'HEALTH', 'EDUCATION', 'ADDICTION'],
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench-abuse')
    .setIssuer('hoi-gateway-dev')
    .setAudience('hoi-gateway')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));
  const dataset = createDataset({ seed: 1, citizens: CITIZENS });
  const cpr = dataset.cprAt(0);
  const normal = JSON.stringify({
    query: `{ citizen(cpr: "${cpr}") { cpr access { area visible basis } cases { title area } benefits { name area } interventions { title area } employment { contactGroup } } }`,
  });
  let query = '{ ';
  for (let i = 0; JSON.stringify({ query }).length < 1_040_000; i++)
    query += `a${i}: citizen(cpr: "${cpr}") { cpr } `;
  const bomb = JSON.stringify({ query: `${query}}` });

  // Warm up: plans, connections, JIT.
  for (let i = 0; i < 30; i++) await post(normal, token);
  await post(bomb, token);

  const alone: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await post(normal, token);
    alone.push(performance.now() - t);
  }

  const before = cpuMs(pid);
  const codes = new Set<string>();
  for (let i = 0; i < BOMBS; i++) {
    const res = await post(bomb, token);
    codes.add(`${res.status} ${/"code":"([A-Z_]+)"/.exec(res.text)?.[1] ?? '?'}`);
  }
  const perBomb = (cpuMs(pid) - before) / BOMBS;

  // One normal query sent together with 20 bombs, ten times. The bombs come from a process
  // of their own, as an attacker's would: pushing 20 MiB into sockets from this process would
  // delay the normal query here, in the client, and be counted against the gateway.
  const bombFile = join(dataDir, 'bomb.json');
  writeFileSync(bombFile, bomb);
  const during: number[] = [];
  for (let round = 0; round < 10; round++) {
    const sender = spawn(process.execPath, ['-e', BOMB_SENDER], {
      env: {
        ...process.env,
        BOMB_URL: url,
        BOMB_TOKEN: token,
        BOMB_FILE: bombFile,
        BOMBS: String(BOMBS),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => sender.stdout!.once('data', () => resolve()));
    const t = performance.now();
    await post(normal, token);
    during.push(performance.now() - t);
    await new Promise((r) => sender.once('exit', r));
  }

  const audit = await post(JSON.stringify({ query: `{ citizen(cpr: "${cpr}") { cpr } }` }), token);
  console.log(`alias bomb: body ${bomb.length} bytes, answers ${[...codes].join(', ')}`);
  console.log(
    `gateway CPU per bomb: ${perBomb.toFixed(1)} ms (${BOMBS} bombs, /proc, 10 ms ticks)`,
  );
  console.log(
    `normal overview alone: p50 ${median(alone).toFixed(1)} ms; sent together with ${BOMBS} bombs (${during.length} rounds): p50 ${median(during).toFixed(1)} ms, max ${Math.max(...during).toFixed(1)} ms; slowdown p50 ${(median(during) / median(alone)).toFixed(2)}x`,
  );
  console.log(`a normal request afterwards: HTTP ${audit.status}`);
} finally {
  launcher.kill('SIGTERM');
  await new Promise((r) => launcher.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
