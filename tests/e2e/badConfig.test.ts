/**
 * Bad configuration refuses to start (issue 5, acceptance 5): a subgraph process and the
 * simulator exit non-zero before listening, with one line per bad value naming its variable.
 * The production profile (issue 14, acceptance 1): with NODE_ENV=production a subgraph and the
 * gateway refuse to start without PostgreSQL, a shared cache or HTTP sources, one line per
 * missing piece, and start with a full production configuration.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { throwawaySchema } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';
import { startService, stopProcess, type ServiceProcess } from '../helpers/processes.js';

const ROOT = new URL('../..', import.meta.url).pathname;

function run(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        ACCESS_CONTEXT_SECRET: 'bad-config-test-secret-0123456789abcdef',
        CASES_PORT: '0',
        SIMULATOR_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('bad configuration', () => {
  it('stops a subgraph before it listens, naming every bad variable', async () => {
    const [mode, values] = await Promise.all([
      run('subgraphs/cases/dist/index.js', {
        SOURCE_MODE: 'remote',
        SOURCE_TIMEOUT_MS: 'soon',
        SOURCE_URL: 'not a url',
      }),
      run('subgraphs/cases/dist/index.js', {
        SOURCE_MODE: 'http',
        SOURCE_URL: '',
        CASES_SOURCE_URL: '',
      }),
    ]);
    expect(mode.code).toBe(1);
    expect(mode.stderr).toContain('SOURCE_MODE must be one of embedded, http, got "remote"');
    expect(mode.stderr).toContain(
      'SOURCE_TIMEOUT_MS must be an integer from 1 to 600000, got "soon"',
    );
    expect(mode.stderr).toContain('SOURCE_URL must be an absolute URL, got "not a url"');
    expect(values.code).toBe(1);
    expect(values.stderr).toContain(
      'SOURCE_URL (or CASES_SOURCE_URL) must be set when SOURCE_MODE=http',
    );
  });

  it('stops the simulator, naming every bad variable', async () => {
    const { code, stderr } = await run('simulator/dist/index.js', {
      SIMULATOR_ERROR_RATE: 'often',
      SIMULATOR_CASE_INDEX_LATENCY_MS: '-5',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SIMULATOR_ERROR_RATE must be a number from 0 to 1, got "often"');
    expect(stderr).toContain(
      'SIMULATOR_CASE_INDEX_LATENCY_MS must be an integer from 0 to 600000, got "-5"',
    );
  });
});

/** The machine's services, blanked: what a production process misses when nobody sets them. */
const NO_SHARED_SERVICES = { DATABASE_URL: '', REDIS_URL: '', REDIS_CLUSTER_NODES: '' };
const problemLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.slice(4));

describe('the production profile', () => {
  it('stops a subgraph that keeps records, naming each missing piece on a line of its own', async () => {
    const [unset, embedded] = await Promise.all([
      run('subgraphs/consent/dist/index.js', {
        ...NO_SHARED_SERVICES,
        NODE_ENV: 'production',
        CONSENT_PORT: '0',
        SOURCE_MODE: '',
      }),
      run('subgraphs/consent/dist/index.js', {
        ...NO_SHARED_SERVICES,
        NODE_ENV: 'production',
        CONSENT_PORT: '0',
        SOURCE_MODE: 'embedded',
      }),
    ]);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/^consent: Invalid configuration:/);
    const problems = problemLines(unset.stderr);
    for (const piece of [
      /^DATABASE_URL must be set in production: PostgreSQL shared by every instance/,
      /^REDIS_URL or REDIS_CLUSTER_NODES must be set in production/,
      /^SOURCE_MODE must be http in production, got "embedded" \(the default\)/,
      /^CACHE_ENCRYPTION_KEY must be set in production/,
      /^AUDIT_PSEUDONYM_KEY must be set in production/,
    ])
      expect(
        problems.filter((p) => piece.test(p)),
        String(piece),
      ).toHaveLength(1);
    expect(embedded.code).toBe(1);
    expect(problemLines(embedded.stderr)).toContain(
      'SOURCE_MODE must be http in production, got "embedded": the embedded sources serve synthetic citizens',
    );
  });

  it('stops the gateway without a shared cache, naming it', async () => {
    const { code, stderr } = await run('gateway/dist/index.js', {
      ...NO_SHARED_SERVICES,
      NODE_ENV: 'production',
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^gateway: Invalid configuration:/);
    const problems = problemLines(stderr);
    for (const piece of [
      /^REDIS_URL or REDIS_CLUSTER_NODES must be set in production/,
      /^CACHE_ENCRYPTION_KEY must be set in production/,
      /^AUTH_JWKS_URL must be set in production/,
    ])
      expect(
        problems.filter((p) => piece.test(p)),
        String(piece),
      ).toHaveLength(1);
    // The gateway keeps no records and reads no source.
    expect(stderr).not.toContain('DATABASE_URL');
    expect(stderr).not.toContain('SOURCE_MODE');
  });

  describe('with a full production configuration', () => {
    const schema = throwawaySchema(requiredEnv('DATABASE_URL'), 'e2e_production');
    const running: ServiceProcess[] = [];
    const production = {
      NODE_ENV: 'production',
      ACCESS_CONTEXT_SECRET: 'e2e-production-access-context-secret-0123456789',
      REDIS_URL: requiredEnv('REDIS_URL'),
      CACHE_KEY_PREFIX: `hoi:e2e-production:${process.pid}:`,
      CACHE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };

    afterAll(async () => {
      for (const p of running) await stopProcess(p.child, 'SIGKILL');
      await schema.dispose();
    });

    it('starts a subgraph on PostgreSQL, Redis and HTTP sources, draining 5 s on SIGTERM', async () => {
      const logs: string[] = [];
      const consent = await startService(
        'subgraphs/consent/dist/index.js',
        {
          ...production,
          CONSENT_PORT: '0',
          DATABASE_URL: requiredEnv('DATABASE_URL'),
          DATABASE_SCHEMA: schema.schema,
          AUDIT_PSEUDONYM_KEY: 'e2e-production-audit-pseudonym-key-0123456789',
          SOURCE_MODE: 'http',
          // Sources are called on first use: nothing needs to answer here to start.
          SOURCE_URL: 'http://127.0.0.1:1',
        },
        logs,
      );
      running.push(consent);
      expect(logs.join('')).toContain('"storage":"postgresql"');
      const base = consent.url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/health`)).status).toBe(200);
      // The production drain: /ready turns 503 at once, the process keeps serving for 5 s.
      consent.child.kill('SIGTERM');
      const deadline = Date.now() + 3_000;
      while (!logs.join('').includes('"drainMs":5000') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 25));
      expect(logs.join('')).toContain('"drainMs":5000,"timeoutMs":10000');
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      expect((await fetch(`${base}/health`)).status).toBe(200);
    });

    it('starts the gateway with JWKS verification and Redis, and exits 0 on SIGTERM', async () => {
      const logs: string[] = [];
      const gateway = await startService(
        'gateway/dist/index.js',
        {
          ...production,
          PORT: '0',
          AUTH_JWKS_URL: 'https://idp.kommune.test/.well-known/jwks.json',
          AUTH_ISSUER: 'https://idp.kommune.test',
          AUTH_AUDIENCE: 'hoi-gateway',
          SHUTDOWN_DRAIN_MS: '0',
          // Nothing listens here: the subgraphs are not part of this test.
          CONSENT_URL: 'http://127.0.0.1:1/graphql',
        },
        logs,
      );
      running.push(gateway);
      expect(logs.join('')).toContain('"mode":"production"');
      const base = gateway.url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/health`)).status).toBe(200);
      // Not ready without the consent subgraph.
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      expect(await stopProcess(gateway.child, 'SIGTERM'), logs.join('')).toBe(0);
    });
  });
});
