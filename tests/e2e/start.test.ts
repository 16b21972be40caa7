/**
 * The README's start command as a new user runs it: `npm start` (the launcher) brings up the
 * whole system as separate processes; the token and sample commands work against it; every
 * log line of the run is free of CPR numbers; SIGTERM stops everything with exit code 0.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../helpers/system.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const BASE = 14_100 + (process.pid % 50) * 10;
const env = {
  ...process.env,
  PORT: String(BASE),
  CONSENT_PORT: String(BASE + 1),
  CASES_PORT: String(BASE + 2),
  BENEFITS_PORT: String(BASE + 3),
  INTERVENTIONS_PORT: String(BASE + 4),
  EMPLOYMENT_PORT: String(BASE + 5),
  SCREENING_PORT: String(BASE + 6),
  UI_PORT: String(BASE + 8),
  CONSENT_DATA_DIR: mkdtempSync(join(tmpdir(), 'hoi-start-')),
  SCREENING_DATA_DIR: mkdtempSync(join(tmpdir(), 'hoi-start-screening-')),
  AUTH_JWT_SECRET: 'start-test-jwt-secret-start-test-jwt-secret',
  DATABASE_URL: '',
  LOG_LEVEL: 'debug',
};
for (const key of [
  'CONSENT_URL',
  'CASES_URL',
  'BENEFITS_URL',
  'INTERVENTIONS_URL',
  'EMPLOYMENT_URL',
  'SCREENING_URL',
  'ACCESS_CONTEXT_SECRET',
  // As a user runs it: vitest sets NODE_ENV=test, which changes libraries' behaviour (Apollo
  // Server installs no signal handlers then, and that once hid a hang on SIGTERM).
  'NODE_ENV',
]) {
  delete (env as Record<string, string | undefined>)[key];
}
const url = `http://127.0.0.1:${BASE}/graphql`;
let launcher: ChildProcess;
let output = '';

function npmRun(...args: string[]): string {
  return execFileSync('npm', ['run', '--silent', ...args], { cwd: ROOT, env, encoding: 'utf8' });
}

beforeAll(async () => {
  const started = Date.now();
  launcher = spawn(process.execPath, ['scripts/dist/start.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  launcher.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('hoi-gateway is up')) {
        clearInterval(timer);
        resolve();
      } else if (launcher.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`launcher exited:\n${output}`));
      }
    }, 100);
  });
  console.log(`npm start: system up in ${Date.now() - started} ms`);
}, 90_000);

afterAll(() => {
  if (launcher.exitCode === null) launcher.kill('SIGKILL');
  rmSync(env.CONSENT_DATA_DIR, { recursive: true, force: true });
  rmSync(env.SCREENING_DATA_DIR, { recursive: true, force: true });
});

describe('npm start', () => {
  it('answers the overview for a sample citizen with data from all five subgraphs', async () => {
    const sample = JSON.parse(
      npmRun('dataset:sample', '--', '1').trim().split('\n')[0] as string,
    ) as { cpr: string; areas: string[] };
    expect(sample.areas.length).toBeGreaterThanOrEqual(5);
    const token = npmRun('token', '--', '--role', 'caseworker', '--areas', sample.areas.join(','))
      .trim()
      .split('\n')
      .at(-1) as string;
    const res = await postGraphQL(
      url,
      {
        query: `query($cpr: CPR!) { citizen(cpr: $cpr) { cpr consent { status } cases { title } benefits { name } interventions { title } employment { contactGroup } } }`,
        variables: { cpr: sample.cpr },
      },
      { authorization: `Bearer ${token}` },
    );
    expect(res.errors).toBeUndefined();
    const c = res.data!.citizen as Record<string, unknown[] | object | null>;
    expect(c.cpr).toBe(sample.cpr);
    expect(c.consent).not.toBeNull();
    expect((c.cases as unknown[]).length).toBeGreaterThan(0);
    expect(
      (c.benefits as unknown[]).length + (c.interventions as unknown[]).length,
    ).toBeGreaterThan(0);
    expect(c.employment).not.toBeNull();
  });

  it('accepts a citizen token from the token command for their own data only', async () => {
    const [a, b] = npmRun('dataset:sample', '--', '2')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { cpr: string }).cpr);
    const token = npmRun('token', '--', '--role', 'citizen', '--sub', a as string)
      .trim()
      .split('\n')
      .at(-1) as string;
    const own = await postGraphQL(
      url,
      { query: '{ me { cpr access { basis } } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(own.data).toMatchObject({ me: { cpr: a } });
    const other = await postGraphQL(
      url,
      { query: `{ citizen(cpr: "${b}") { cpr } }` },
      { authorization: `Bearer ${token}` },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves the playground to a browser, /health and /ready', async () => {
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`http://127.0.0.1:${BASE}/health`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${BASE}/ready`);
    expect(await ready.json()).toEqual({
      ready: true,
      subgraphs: {
        consent: true,
        cases: true,
        benefits: true,
        interventions: true,
        employment: true,
        screening: true,
        plan: true,
      },
    });
  });

  it('serves the reference UI (Overblik) at the printed URL, logging in and forwarding to the gateway', async () => {
    const ui = `http://127.0.0.1:${BASE + 8}/`;
    await expect
      .poll(() => output, { timeout: 30_000 })
      .toContain(`Overblik (reference UI): ${ui}`);
    const page = await fetch(ui);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="root">');
    const headers = { 'content-type': 'application/json', 'x-hoi-bff': '1' };
    const login = await fetch(`${ui}auth/dev-login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ role: 'caseworker', areas: ['EMPLOYMENT'], org: 'Jobcenter Nord' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const [sample] = npmRun('dataset:sample', '--', '1').trim().split('\n');
    const { cpr } = JSON.parse(sample as string) as { cpr: string };
    const res = await fetch(`${ui}api/graphql`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: JSON.stringify({
        query: 'query($cpr: CPR!) { citizen(cpr: $cpr) { access { area visible basis } } }',
        variables: { cpr },
      }),
    });
    const body = (await res.json()) as {
      data: { citizen: { access: { area: string; basis: string }[] } };
    };
    expect(body.data.citizen.access.find((a) => a.area === 'EMPLOYMENT')?.basis).toBe(
      'OWN_AUTHORITY',
    );
  });

  it('stops every process on SIGTERM with exit code 0, having logged no CPR', async () => {
    const code = await new Promise((resolve) => {
      launcher.once('exit', resolve);
      launcher.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(output).toContain('gateway listening');
    expect(output).not.toMatch(/\b\d{6}-?\d{4}\b/);
  });
});
