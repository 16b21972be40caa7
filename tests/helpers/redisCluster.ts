/**
 * A real local Redis Cluster for tests (DESIGN §6 on a cluster): three masters and three
 * replicas of the machine's redis-server on free ports, created with `redis-cli --cluster
 * create`, with a short node timeout so that a killed master's replica takes over in seconds.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A running cluster. */
export interface RedisCluster {
  /** Seed nodes, `127.0.0.1:port`. */
  readonly nodes: readonly string[];
  /** Kills one master (SIGKILL) and resolves once the cluster is whole again without it. */
  killMaster(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const cli = async (port: number, ...args: string[]): Promise<string> =>
  (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis cluster: ${what} did not happen in ${timeoutMs} ms`);
}

/** Starts the cluster; resolves once every slot is served. */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'hoi-redis-cluster-'));
  const ports: number[] = [];
  const busPorts: number[] = [];
  // Each node's cluster bus gets a free port of its own: by default it is the port + 10,000,
  // which is out of range for the upper ephemeral ports the kernel hands out.
  const taken = new Set<number>();
  while (taken.size < 12) taken.add(await freePort());
  for (const [i, port] of [...taken].entries()) (i < 6 ? ports : busPorts).push(port);
  const processes = new Map<number, ChildProcess>();
  for (const [i, port] of ports.entries()) {
    const nodeDir = join(dir, String(port));
    mkdirSync(nodeDir);
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--cluster-port',
        String(busPorts[i]),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        '1000',
        '--dir',
        nodeDir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'no',
      ],
      { stdio: 'ignore' },
    );
    processes.set(port, child);
  }
  const alive = () =>
    ports.filter((p) => processes.get(p)?.exitCode === null && !processes.get(p)?.killed);
  const healthy = async () => {
    for (const port of alive()) {
      if (!(await cli(port, 'cluster', 'info')).includes('cluster_state:ok')) return false;
    }
    return true;
  };
  try {
    await until('the nodes answering', async () => {
      for (const port of ports) if ((await cli(port, 'ping')).trim() !== 'PONG') return false;
      return true;
    });
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
    await until('every slot served', healthy);
    // A replica can take over only once it has synced with its master.
    await until('every replica in sync', async () => {
      for (const port of ports) {
        const info = await cli(port, 'info', 'replication');
        if (info.includes('role:slave') && !info.includes('master_link_status:up')) return false;
      }
      return true;
    });
  } catch (err) {
    for (const child of processes.values()) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`),
    async killMaster() {
      const survivor = ports[0] as number;
      const lines = (await cli(survivor, 'cluster', 'nodes')).split('\n');
      // A master other than the node we ask, so that we can watch the others notice.
      const master = lines.find(
        (l) => / master /.test(l) && !l.includes('myself') && !l.includes('fail'),
      );
      const [id, address] = (master ?? '').split(' ');
      const port = Number(/:(\d+)@/.exec(address ?? '')?.[1]);
      const child = processes.get(port);
      if (!id || !child) throw new Error('no master to kill');
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      processes.delete(port);
      // Its replica is promoted once the others mark it failed (node timeout: 1 s).
      await until('the dead master marked failed', async () =>
        (await cli(survivor, 'cluster', 'nodes'))
          .split('\n')
          .some((l) => l.startsWith(id) && / master,fail | fail /.test(` ${l} `)),
      );
      await until('a replica taking over', healthy);
    },
    async stop() {
      await Promise.all(
        [...processes.values()].map(
          (child) =>
            new Promise((resolve) => {
              if (child.exitCode !== null) return resolve(null);
              child.once('exit', resolve);
              child.kill('SIGKILL');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
