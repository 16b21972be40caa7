/**
 * The authenticator remembers verified tokens (the same string only, never past `exp`): a
 * remembered token is refused once it expires, and nothing but the exact verified string hits.
 */
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthenticator } from '@hoi/gateway';

const SECRET = 'auth-test-secret-of-at-least-32-characters';
const config = {
  mode: 'development' as const,
  jwtSecret: SECRET,
  issuer: 'hoi-test',
  audience: 'hoi-gateway',
};
const token = (expiresInS: number, secret = SECRET, sub = 'caseworker-1') =>
  new SignJWT({ role: 'caseworker', areas: ['EMPLOYMENT'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInS)
    .sign(new TextEncoder().encode(secret));

afterEach(() => {
  vi.useRealTimers();
});

describe('createAuthenticator', () => {
  it('refuses a remembered token once it has expired', async () => {
    const authenticate = createAuthenticator(config);
    const t = await token(30);
    const principal = await authenticate(`Bearer ${t}`);
    expect(principal).toMatchObject({ sub: 'caseworker-1', role: 'caseworker' });
    expect(await authenticate(`Bearer ${t}`)).toBe(principal);
    vi.useFakeTimers({ now: Date.now() + 31_000, toFake: ['Date'] });
    await expect(authenticate(`Bearer ${t}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('verifies every other string: a forged signature is refused after a good token', async () => {
    const authenticate = createAuthenticator(config);
    const good = await token(300);
    await authenticate(`Bearer ${good}`);
    const forged = await token(300, 'another-secret-of-at-least-32-characters!!');
    await expect(authenticate(`Bearer ${forged}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const [header, payload] = good.split('.');
    await expect(authenticate(`Bearer ${header}.${payload}.AAAA`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
