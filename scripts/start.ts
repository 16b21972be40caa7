/**
 * `npm start`: the whole system on embedded defaults: five subgraph processes, then the
 * gateway on PORT (4000). Generates the shared access-context secret unless one is set.
 * If any process dies, all are stopped and the launcher exits non-zero.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DEFAULT_SUBGRAPH_PORTS, type SubgraphName } from '../subgraphs/shared/src/subgraphConfig.js';

const root = new URL('..', import.meta.url).pathname;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ACCESS_CONTEXT_SECRET: process.env.ACCESS_CONTEXT_SECRET || randomBytes(32).toString('base64url'),
  // One cache key for all processes of this run, so they can share a Redis (when REDIS_URL is set).
  CACHE_ENCRYPTION_KEY: process.env.CACHE_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
};
const names = Object.keys(DEFAULT_SUBGRAPH_PORTS) as SubgraphName[];
const portOf = (name: SubgraphName): number =>
  Number(process.env[`${name.toUpperCase()}_PORT`] || DEFAULT_SUBGRAPH_PORTS[name]);
for (const name of names) env[`${name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${portOf(name)}/graphql`;

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5_000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}

function run(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env, stdio: 'inherit' });
  children.push(child);
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

// The gateway runs on the committed supergraph, so it need not wait for the subgraphs.
for (const name of names) run(name, `subgraphs/${name}/src/index.ts`);
run('gateway', 'gateway/src/index.ts');
try {
  await Promise.all(names.map((n) => waitForHealth(`http://127.0.0.1:${portOf(n)}/health`, 60_000)));
  await waitForHealth(`http://127.0.0.1:${process.env.PORT || 4000}/health`, 60_000);
  console.log(`hoi-gateway is up: http://127.0.0.1:${process.env.PORT || 4000}/graphql`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  stopAll(1);
}
