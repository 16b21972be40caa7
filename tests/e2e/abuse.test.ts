/**
 * The gateway process with Redis configured (issue 13): it exits 0 on SIGTERM after serving
 * requests that used its Redis connections (cache, APQ, shared rate limits), and with
 * METRICS_PORT its /metrics is served on that port only.
 */
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { requiredEnv } from '../helpers/env.js';
import { startService, stopProcess, type ServiceProcess } from '../helpers/processes.js';
import { signTestToken } from '../helpers/system.js';

const JWT_SECRET = 'e2e-abuse-jwt-secret-0123456789abcdefghij';
const running: ServiceProcess[] = [];

/** A free port (closed again before the gateway takes it). */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startGateway(env: Record<string, string>, logs: string[]) {
  const gateway = await startService(
    'gateway/dist/index.js',
    {
      PORT: '0',
      ACCESS_CONTEXT_SECRET: 'e2e-abuse-access-context-secret-0123456789',
      AUTH_JWT_SECRET: JWT_SECRET,
      REDIS_URL: requiredEnv('REDIS_URL'),
      CACHE_KEY_PREFIX: `hoi:e2e-abuse:${process.pid}:`,
      // Nothing listens here: the subgraphs are not up.
      CONSENT_URL: 'http://127.0.0.1:1/graphql',
      // As a user runs it (vitest sets NODE_ENV=test).
      NODE_ENV: 'development',
      ...env,
    },
    logs,
  );
  running.push(gateway);
  return gateway;
}

afterAll(async () => {
  for (const p of running) await stopProcess(p.child, 'SIGKILL');
});

describe('the gateway process with REDIS_URL', () => {
  it('exits 0 on SIGTERM after requests that used Redis', async () => {
    const logs: string[] = [];
    const gateway = await startGateway({}, logs);
    const token = await signTestToken(
      { role: 'caseworker', sub: 'cw-e2e', areas: ['HEALTH'] },
      { secret: JWT_SECRET },
    );
    const post = (body: unknown, auth = true) =>
      fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(auth ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    expect((await post({ query: '{ __typename }' }, false)).status).toBe(503);
    expect((await post({ query: '{ citizen(cpr: "010190-1234") { cpr } }' })).status).toBe(503);
    const started = Date.now();
    const code = await stopProcess(gateway.child, 'SIGTERM');
    expect(code, logs.join('')).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('serves /metrics on METRICS_PORT only', async () => {
    const metricsPort = await freePort();
    const logs: string[] = [];
    const gateway = await startGateway({ METRICS_PORT: String(metricsPort) }, logs);
    const own = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('hoi_graphql_requests_total');
    expect((await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
    expect(await stopProcess(gateway.child, 'SIGTERM'), logs.join('')).toBe(0);
  });
});
