/**
 * The reference UI's backend-for-frontend on its own (a stand-in gateway on port 0): the
 * session cookie, the CSRF checks, the body bound, the pass-through of the gateway's answer,
 * logout, the static files' confinement and the security headers; the session store's expiry
 * and the development login's validation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@hoi/platform';
import { createBff, createDevTokenSigner, createSessionStore, type Bff } from '@hoi/ui';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

describe('createBff', () => {
  let gateway: Server;
  let bff: Bff;
  let ui: string;
  let webRoot: string;
  const seen: { authorization: string | undefined; body: string }[] = [];
  const headers = { 'content-type': 'application/json', 'x-hoi-bff': '1' };

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ authorization: req.headers.authorization, body });
        res.statusCode = 200;
        res.setHeader('content-type', 'application/graphql-response+json; charset=utf-8');
        res.end(
          JSON.stringify({
            data: { citizen: null },
            errors: [
              {
                message: 'case index down',
                path: ['citizen', 'cases'],
                extensions: { code: 'SOURCE_UNAVAILABLE', source: 'case-index' },
              },
            ],
          }),
        );
      });
    });
    const gatewayPort = await listen(gateway);
    webRoot = mkdtempSync(join(tmpdir(), 'hoi-ui-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    bff = createBff({
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
      webRoot,
      secureCookies: false,
      devLogin: createDevTokenSigner({
        secret: 'unit-test-secret-unit-test-secret-0123',
        issuer: 'hoi-gateway-dev',
        audience: 'hoi-gateway',
      }),
      sessionIdleSeconds: 600,
      sessionMaxSeconds: 3600,
      logger: createLogger('ui', { level: 'silent' }),
    });
    ui = `http://127.0.0.1:${await listen(bff.server)}`;
  });

  afterAll(async () => {
    await bff?.close();
    await new Promise((r) => gateway?.close(r));
    rmSync(webRoot, { recursive: true, force: true });
  });

  async function login(body: unknown = { role: 'caseworker', areas: ['HEALTH'], org: 'Nord' }) {
    const res = await fetch(`${ui}/auth/dev-login`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    return { res, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string };
  }

  it('logs in with an HttpOnly SameSite=Strict cookie and keeps the token on the server', async () => {
    const { res, cookie } = await login();
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(
      /^hoi_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const text = JSON.stringify(await res.json());
    expect(text).not.toMatch(/eyJ/);
    const gql = await fetch(`${ui}/api/graphql`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: '{"query":"query ($cpr: CPR!) { citizen(cpr: $cpr) { cpr } }","variables":{"cpr":"010180-1234"}}',
    });
    // The gateway's answer, unchanged (status, content type, errors with their codes).
    expect(gql.status).toBe(200);
    expect(gql.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await gql.json()).toMatchObject({
      errors: [{ extensions: { code: 'SOURCE_UNAVAILABLE', source: 'case-index' } }],
    });
    const forwarded = seen.at(-1)!;
    expect(forwarded.body).toContain('"cpr":"010180-1234"');
    const claims = decodeJwt((forwarded.authorization ?? '').replace(/^Bearer /, ''));
    expect(claims).toMatchObject({ role: 'caseworker', areas: ['HEALTH'], org: 'Nord' });
  });

  it('refuses POSTs without the app header, from another origin or marked cross-site', async () => {
    const { cookie } = await login();
    const body = '{"query":"{ __typename }"}';
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/json', cookie },
      { ...headers, cookie, origin: 'https://evil.example' },
      { ...headers, cookie, 'sec-fetch-site': 'cross-site' },
      { 'content-type': 'text/plain', 'x-hoi-bff': '1', cookie },
    ];
    for (const h of cases) {
      const res = await fetch(`${ui}/api/graphql`, { method: 'POST', headers: h, body });
      expect(res.status).toBe(403);
    }
    const same = await fetch(`${ui}/api/graphql`, {
      method: 'POST',
      headers: { ...headers, cookie, origin: ui, 'sec-fetch-site': 'same-origin' },
      body,
    });
    expect(same.status).toBe(200);
  });

  it('answers 401 without a session, 413 to a large body, and ends the session on logout', async () => {
    const anonymous = await fetch(`${ui}/api/graphql`, { method: 'POST', headers, body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      errors: [{ message: 'Not logged in', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const { cookie } = await login();
    const large = await fetch(`${ui}/api/graphql`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: JSON.stringify({ query: 'x'.repeat(70 * 1024) }),
    });
    expect(large.status).toBe(413);
    const out = await fetch(`${ui}/auth/logout`, {
      method: 'POST',
      headers: { ...headers, cookie },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await fetch(`${ui}/api/graphql`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: '{}',
    });
    expect(after.status).toBe(401);
  });

  it('validates the development login', async () => {
    for (const body of [
      { role: 'admin' },
      { role: 'caseworker', areas: [] },
      { role: 'caseworker', areas: ['SPACE'] },
      { role: 'citizen', cpr: '12345' },
    ]) {
      const { res } = await login(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const citizen = await login({ role: 'citizen', cpr: '0101801234' });
    expect(await citizen.res.json()).toMatchObject({ role: 'citizen', cpr: '010180-1234' });
  });

  it('serves the app with its security headers and nothing outside the web root', async () => {
    const page = await fetch(`${ui}/some/page`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="root"');
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/missing.js'])
      expect((await fetch(`${ui}${path}`)).status).toBe(404);
    expect((await fetch(`${ui}/api/graphql`)).status).toBe(405);
  });
});

describe('createSessionStore', () => {
  const user = { role: 'auditor', areas: [], org: undefined, cpr: undefined } as const;

  it('ends a session after its idle time, its maximum, or the token’s expiry', () => {
    let t = 0;
    const store = createSessionStore({ idleMs: 100, maxMs: 1000, now: () => t });
    const a = store.create('token-a', user);
    const b = store.create('token-b', user, 250);
    t = 90;
    expect(store.get(a)?.token).toBe('token-a');
    expect(store.get(b)?.token).toBe('token-b');
    t = 180;
    expect(store.get(a)?.token).toBe('token-a');
    t = 260;
    expect(store.get(b)).toBeUndefined();
    for (t = 270; t < 1000; t += 90) expect(store.get(a)).toBeDefined();
    t = 1000;
    expect(store.get(a)).toBeUndefined();
    t = 1100;
    const c = store.create('token-c', user);
    t = 1250;
    expect(store.get(c)).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
    store.close();
  });

  it('drops the oldest session beyond its bound', () => {
    const store = createSessionStore({ idleMs: 1000, maxMs: 1000, maxSessions: 2 });
    const [a, b, c] = ['a', 'b', 'c'].map((t) => store.create(t, user));
    expect(store.get(a)).toBeUndefined();
    expect(store.get(b)?.token).toBe('b');
    expect(store.get(c)?.token).toBe('c');
    store.close();
  });
});
