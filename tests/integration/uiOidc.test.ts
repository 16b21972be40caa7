/**
 * The reference UI's production login: the BFF against a stand-in OpenID Connect provider
 * (discovery, authorize, token, JWKS; RS256) and a stand-in gateway. The authorization code
 * flow runs with PKCE (S256), state and nonce; the IdP's access token is what reaches the
 * gateway; the development login does not exist; a replayed or forged callback logs nobody in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@hoi/platform';
import { createBff, createOidcLogin, DEFAULT_WEB_ROOT, type Bff } from '@hoi/ui';

const CLIENT_ID = 'overblik';
const CLIENT_SECRET = 'overblik-secret';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
  });
}

describe('reference UI: OpenID Connect login', () => {
  let idp: Server;
  let gateway: Server;
  let bff: Bff;
  let issuer: string;
  let ui: string;
  let privateKey: CryptoKey;
  const codes = new Map<string, { challenge: string; nonce: string }>();
  const authorizeParams: URLSearchParams[] = [];
  const gatewayAuthorization: string[] = [];
  let accessToken = '';

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    idp = createServer((req, res) => {
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname === '/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            code_challenge_methods_supported: ['S256'],
          }),
        );
      } else if (url.pathname === '/jwks') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      } else if (url.pathname === '/authorize') {
        // Logs the user in at once and sends the browser back with a code.
        authorizeParams.push(url.searchParams);
        const code = randomBytes(16).toString('hex');
        codes.set(code, {
          challenge: url.searchParams.get('code_challenge') ?? '',
          nonce: url.searchParams.get('nonce') ?? '',
        });
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        res.statusCode = 302;
        res.setHeader('location', back.href);
        res.end();
      } else if (url.pathname === '/token' && req.method === 'POST') {
        void readBody(req).then(async (raw) => {
          const form = new URLSearchParams(raw);
          const pending = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
          if (
            !pending ||
            // client_secret_basic or client_secret_post (openid-client's default).
            (req.headers.authorization !== `Basic ${basic}` &&
              (form.get('client_id') !== CLIENT_ID ||
                form.get('client_secret') !== CLIENT_SECRET)) ||
            createHash('sha256').update(verifier).digest('base64url') !== pending.challenge
          ) {
            res.statusCode = 400;
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ error: 'invalid_grant' }));
            return;
          }
          const claims = { role: 'caseworker', areas: ['EMPLOYMENT'], org: 'Jobcenter Nord' };
          accessToken = await new SignJWT(claims)
            .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
            .setIssuer(issuer)
            .setAudience('hoi-gateway')
            .setSubject('cw-1')
            .setIssuedAt()
            .setExpirationTime('5m')
            .sign(privateKey);
          const idToken = await new SignJWT({ ...claims, nonce: pending.nonce })
            .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
            .setIssuer(issuer)
            .setAudience(CLIENT_ID)
            .setSubject('cw-1')
            .setIssuedAt()
            .setExpirationTime('5m')
            .sign(privateKey);
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify({
              access_token: accessToken,
              id_token: idToken,
              token_type: 'Bearer',
              expires_in: 300,
            }),
          );
        });
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    issuer = `http://127.0.0.1:${await listen(idp)}`;
    gateway = createServer((req, res) => {
      gatewayAuthorization.push(req.headers.authorization ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { __typename: 'Query' } }));
    });
    const gatewayUrl = `http://127.0.0.1:${await listen(gateway)}/graphql`;
    // The BFF's port first: the redirect URL names it.
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((r) => probe.close(r));
    ui = `http://127.0.0.1:${port}`;
    const oidc = await createOidcLogin({
      issuerUrl: issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUrl: `${ui}/auth/callback`,
      allowInsecureRequests: true,
    });
    bff = createBff({
      gatewayUrl,
      webRoot: DEFAULT_WEB_ROOT,
      publicOrigin: ui,
      secureCookies: false,
      oidc,
      sessionIdleSeconds: 600,
      sessionMaxSeconds: 3600,
      logger: createLogger('ui', { level: 'silent' }),
    });
    await new Promise<void>((resolve) => bff.server.listen(port, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await bff?.close();
    await new Promise((r) => idp?.close(r));
    await new Promise((r) => gateway?.close(r));
  });

  const json = { 'content-type': 'application/json', 'x-hoi-bff': '1' };

  it('offers no development login', async () => {
    const session = await (await fetch(`${ui}/api/session`)).json();
    expect(session).toEqual({ authenticated: false, devLogin: false, oidcLogin: true });
    const dev = await fetch(`${ui}/auth/dev-login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ role: 'caseworker', areas: ['EMPLOYMENT'] }),
    });
    expect(dev.status).toBe(404);
  });

  it('logs in with the code flow and PKCE and forwards the IdP access token', async () => {
    const start = await fetch(`${ui}/auth/login`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const loginCookie = (start.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(start.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
    const atIdp = await fetch(start.headers.get('location') as string, { redirect: 'manual' });
    const params = authorizeParams.at(-1)!;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('response_type')).toBe('code');
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    const callback = atIdp.headers.get('location') as string;

    // Without the browser's pending-login cookie the callback logs nobody in.
    const stranger = await fetch(callback, { redirect: 'manual' });
    expect(stranger.status).toBe(400);

    const done = await fetch(callback, { redirect: 'manual', headers: { cookie: loginCookie } });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    const cookies = done.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('hoi_session='));
    expect(session).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = (session as string).split(';')[0] as string;

    const me = await (await fetch(`${ui}/api/session`, { headers: { cookie } })).json();
    expect(me).toMatchObject({
      authenticated: true,
      role: 'caseworker',
      areas: ['EMPLOYMENT'],
      org: 'Jobcenter Nord',
    });
    const answer = await fetch(`${ui}/api/graphql`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    expect(gatewayAuthorization.at(-1)).toBe(`Bearer ${accessToken}`);

    // The same callback again (replayed): its pending login was used up.
    const replay = await fetch(callback, { redirect: 'manual', headers: { cookie: loginCookie } });
    expect(replay.status).toBe(400);
  });

  it('refuses a callback whose state does not match', async () => {
    const start = await fetch(`${ui}/auth/login`, { redirect: 'manual' });
    const loginCookie = (start.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const atIdp = await fetch(start.headers.get('location') as string, { redirect: 'manual' });
    const forged = new URL(atIdp.headers.get('location') as string);
    forged.searchParams.set('state', 'forged');
    const res = await fetch(forged, { redirect: 'manual', headers: { cookie: loginCookie } });
    expect(res.status).toBe(400);
    expect(
      res.headers
        .getSetCookie()
        .some((c) => c.startsWith('hoi_session=') && !c.startsWith('hoi_session=;')),
    ).toBe(false);
  });
});
