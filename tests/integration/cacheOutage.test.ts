/**
 * A Redis outage (issue 4), against a redis-server of its own: every request stays correct
 * and no request hangs on the cache while Redis is away; caching resumes when it is back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { OVERVIEW, type Overview } from '../helpers/overview.js';
import { startSystem } from '../helpers/system.js';

const PREFIX = 'hoi:test:';

describe('a Redis outage', () => {
  let server: ChildProcess | undefined;
  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
  const startRedis = async (port: number) => {
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      retryStrategy: () => 50,
    });
    probe.on('error', () => {}); // expected while the server starts
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return probe;
  };
  afterAll(() => server?.kill('SIGKILL'));

  it('keeps every request correct and fast, and resumes caching when Redis is back', async () => {
    const port = await freePort();
    let probe = await startRedis(port);
    const timeoutMs = 50;
    const system = await startSystem({
      citizens: 500,
      cache: { redisUrl: `redis://127.0.0.1:${port}`, keyPrefix: PREFIX, timeoutMs },
    });
    try {
      const token = await system.token({
        role: 'caseworker',
        sub: 'cw',
        areas: [
          'EMPLOYMENT',
          'SOCIAL_ADULT',
          'CHILDREN_FAMILY',
          'HEALTH',
          'EDUCATION',
          'ADDICTION',
        ],
      });
      const cprs = Array.from({ length: 40 }, (_, i) => system.dataset.cprAt(i));
      const expected = (cpr: string) => system.dataset.byCpr(cpr)!.cases.map((c) => c.id);
      const run = async (label: string) => {
        const latencies: number[] = [];
        for (const cpr of cprs) {
          const t0 = performance.now();
          const res = await system.query(OVERVIEW, { cpr }, token);
          latencies.push(performance.now() - t0);
          expect(res.errors, label).toBeUndefined();
          expect(
            (res.data!.citizen as Overview).cases.map((c) => c.id),
            label,
          ).toEqual(expected(cpr));
        }
        latencies.sort((x, y) => x - y);
        return { median: latencies[latencies.length >> 1]!, max: latencies.at(-1)! };
      };
      const healthy = await run('with Redis');
      expect(await probe.dbsize()).toBeGreaterThan(0);
      probe.disconnect();
      server!.kill('SIGKILL');
      await new Promise((r) => server!.once('exit', r));
      const down = await run('Redis down');
      const down2 = await run('Redis still down');
      console.log(
        `latency ms: with Redis median ${healthy.median.toFixed(1)}; Redis down median ${down.median.toFixed(1)} max ${Math.max(down.max, down2.max).toFixed(1)}; cache timeout ${timeoutMs}`,
      );
      // Generous slack for a loaded 2-core machine; the point is no request hangs on the cache.
      expect(Math.max(down.max, down2.max)).toBeLessThan(healthy.max + timeoutMs + 250);

      probe = await startRedis(port);
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && !system.caches.cases!.store.healthy())
        await new Promise((r) => setTimeout(r, 50));
      await run('Redis back');
      expect(await probe.dbsize()).toBeGreaterThan(0);
      const before = system.sources.cases.calls;
      await run('Redis back, warm');
      expect(system.sources.cases.calls).toBe(before);
      probe.disconnect();
    } finally {
      await system.stop();
    }
  });
});
