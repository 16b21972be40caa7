/**
 * Production authentication: asymmetric keys from a local JWKS endpoint, issuer and audience
 * checked, key rotation by `kid`, and development (HS256) tokens never accepted.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createAuthenticator, loadGatewayConfig } from '@hoi/gateway';
import { closeServer, listen } from '@hoi/platform';
import { signTestToken } from '../helpers/system.js';

let keys: JWK[] = [];
let server: Server;
let jwksUrl: string;
let fetches = 0;

async function newKey(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
}

function sign(
  key: Awaited<ReturnType<typeof newKey>>,
  claims: Record<string, unknown>,
  over: { iss?: string; aud?: string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer(over.iss ?? 'https://idp.kommune.test')
    .setAudience(over.aud ?? 'hoi-gateway')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  jwksUrl = `${await listen(server, 0)}/jwks.json`;
});
afterAll(async () => closeServer(server));

describe('createAuthenticator in production mode', () => {
  const claims = { sub: 'cw-1', role: 'caseworker', areas: ['EMPLOYMENT'] };
  const config = () => ({
    mode: 'production' as const,
    jwksUrl,
    issuer: 'https://idp.kommune.test',
    audience: 'hoi-gateway',
  });

  it('accepts a token from the JWKS and follows a key rotation by kid', async () => {
    const k1 = await newKey('k1');
    keys = [k1.jwk];
    const authenticate = createAuthenticator(config(), undefined, 0);
    expect(await authenticate(`Bearer ${await sign(k1, claims)}`)).toEqual({
      sub: 'cw-1',
      role: 'caseworker',
      areas: ['EMPLOYMENT'],
    });
    const k2 = await newKey('k2');
    keys = [k2.jwk]; // k1 retired
    const before = fetches;
    expect((await authenticate(`Bearer ${await sign(k2, claims)}`))?.sub).toBe('cw-1');
    expect(fetches).toBeGreaterThan(before);
    await expect(authenticate(`Bearer ${await sign(k1, claims)}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('rejects a wrong issuer, a wrong audience and a development token', async () => {
    const k = await newKey('k3');
    keys = [k.jwk];
    const authenticate = createAuthenticator(config(), undefined, 0);
    for (const token of [
      await sign(k, claims, { iss: 'https://evil.test' }),
      await sign(k, claims, { aud: 'someone-else' }),
      await signTestToken(claims, { issuer: 'https://idp.kommune.test', audience: 'hoi-gateway' }),
    ]) {
      await expect(authenticate(`Bearer ${token}`)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });
});

describe('loadGatewayConfig', () => {
  it('refuses production without JWKS, issuer and audience, naming each variable', () => {
    expect(() =>
      loadGatewayConfig({ NODE_ENV: 'production', ACCESS_CONTEXT_SECRET: 'x'.repeat(40) }),
    ).toThrow(/AUTH_JWKS_URL[\s\S]*AUTH_ISSUER[\s\S]*AUTH_AUDIENCE/);
  });
  it('names each bad value', () => {
    const load = () =>
      loadGatewayConfig({ PORT: 'abc', ACCESS_CONTEXT_SECRET: 'short', CASES_URL: 'nope' });
    for (const name of ['PORT', 'ACCESS_CONTEXT_SECRET', 'CASES_URL'])
      expect(load).toThrow(new RegExp(`- ${name} `));
  });
});
