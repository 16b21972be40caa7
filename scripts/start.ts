/**
 * `npm start`: the whole system on embedded defaults: six subgraph processes, then the
 * gateway on PORT (4000). Every process runs compiled JavaScript (`dist/index.js` of each
 * service, built by `npm start` first); `npm run dev` passes `--dev` to run the TypeScript
 * sources through tsx instead. Generates the shared access-context secret unless one is set.
 * With SOURCE_MODE=http the subgraphs read their sources over HTTP, from the source
 * simulator (started here on SIMULATOR_PORT, 4010) unless SOURCE_URL points elsewhere.
 * Once the gateway is up, the reference UI (Overblik: the web app and its backend-for-frontend,
 * `ui/dist/server/index.js`) starts on UI_PORT (4100), pointed at the gateway.
 * If any process dies, all are stopped and the launcher exits non-zero. SIGTERM stops the UI
 * first, then the gateway (its in-flight requests still need the subgraphs), then the
 * subgraphs, then the simulator, and exits 0 when every process did.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
// The constants alone: the launcher spawns first and loads nothing else (start-up time).
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '@hoi/platform/services';

// This file runs from scripts/dist/ (compiled) or scripts/ (tsx): the root is above scripts/.
const root = fileURLToPath(
  new URL(import.meta.url.includes('/scripts/dist/') ? '../..' : '..', import.meta.url),
);
const dev = process.argv.includes('--dev');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ACCESS_CONTEXT_SECRET: process.env.ACCESS_CONTEXT_SECRET || randomBytes(32).toString('base64url'),
  // One cache key for all processes of this run, so they can share a Redis (when REDIS_URL is set).
  CACHE_ENCRYPTION_KEY: process.env.CACHE_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
};
const names = SUBGRAPH_NAMES;
const portOf = (name: SubgraphName): number =>
  Number(process.env[`${name.toUpperCase()}_PORT`] || DEFAULT_SUBGRAPH_PORTS[name]);
for (const name of names)
  env[`${name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${portOf(name)}/graphql`;
const simulatorPort = Number(process.env.SIMULATOR_PORT || 4010);
const uiPort = Number(process.env.UI_PORT || 4100);
const startSimulator = process.env.SOURCE_MODE === 'http' && !process.env.SOURCE_URL;
if (startSimulator) env.SOURCE_URL = `http://127.0.0.1:${simulatorPort}`;

const children = new Map<string, ChildProcess>();
let stopping = false;

/** Stops the running processes of one tier and resolves whether all exited with 0. */
async function stopTier(tier: readonly string[]): Promise<boolean> {
  const exits = tier.map((name) => {
    const child = children.get(name);
    if (!child) return Promise.resolve(true);
    if (child.exitCode !== null || child.signalCode !== null)
      return Promise.resolve(child.exitCode === 0);
    return new Promise<boolean>((resolve) => {
      child.once('exit', (code) => resolve(code === 0));
      child.kill('SIGTERM');
    });
  });
  return (await Promise.all(exits)).every(Boolean);
}

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    console.error('processes did not stop in time; killing them');
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(1);
  }, 20_000).unref();
  void (async () => {
    let clean = true;
    for (const tier of [['ui'], ['gateway'], names, ['simulator']])
      clean = (await stopTier(tier)) && clean;
    process.exit(code !== 0 ? code : clean ? 0 : 1);
  })();
}

/**
 * Starts a service from its folder: compiled `dist/index.js`, or `src/index.ts` through tsx
 * with --dev (`source` names another entry below the folder, e.g. the UI's `server/index.ts`).
 */
function run(name: string, folder: string, source = 'src/index.ts'): ChildProcess {
  const args = dev
    ? ['--conditions=@hoi/source', '--import', 'tsx', `${folder}/${source}`]
    : [`${folder}/dist/${source.replace(/^src\//, '').replace(/\.ts$/, '.js')}`];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  children.set(name, child);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the system`);
      stopAll(1);
    }
  });
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

// The gateway runs on the committed supergraph, so it need not wait for the subgraphs; the
// subgraphs connect to their sources on first use, so they need not wait for the simulator.
if (startSimulator) run('simulator', 'simulator');
for (const name of names) run(name, `subgraphs/${name}`);
run('gateway', 'gateway');
try {
  if (startSimulator) await waitForHealth(`http://127.0.0.1:${simulatorPort}/health`, 60_000);
  await Promise.all(
    names.map((n) => waitForHealth(`http://127.0.0.1:${portOf(n)}/health`, 60_000)),
  );
  await waitForHealth(`http://127.0.0.1:${process.env.PORT || 4000}/health`, 60_000);
  console.log(`hoi-gateway is up: http://127.0.0.1:${process.env.PORT || 4000}/graphql`);
  if (process.env.NODE_ENV === 'production' && !process.env.OIDC_ISSUER_URL) {
    // In production the UI logs in through OpenID Connect only (README, "The reference UI").
    console.log(
      'Overblik (reference UI) not started: production needs OIDC_ISSUER_URL and the rest',
    );
  } else {
    env.GATEWAY_URL ??= `http://127.0.0.1:${process.env.PORT || 4000}/graphql`;
    run('ui', 'ui', 'server/index.ts');
    await waitForHealth(`http://127.0.0.1:${uiPort}/health`, 30_000);
    console.log(`Overblik (reference UI): http://127.0.0.1:${uiPort}/`);
  }
  // Up is not ready: screening builds its projection, the gateway asks every subgraph.
  const ready = `http://127.0.0.1:${process.env.PORT || 4000}/ready`;
  waitForHealth(ready, 120_000).then(
    () =>
      console.log(
        `hoi-gateway is ready (${process.uptime().toFixed(1)} s after the launcher started)`,
      ),
    () =>
      console.error(
        `${ready} is not 200 yet: see the log lines above for a source or store that is down`,
      ),
  );
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  stopAll(1);
}
