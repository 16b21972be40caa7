/**
 * Authentication (DESIGN §4): the bearer token is verified once per request into a closed
 * Principal. Fail closed: a present but bad token is UNAUTHENTICATED, never anonymous.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { type Principal, principalFromClaims, unauthenticated } from '@hoi/domain';
import type { AuthConfig } from './config.js';

const ASYMMETRIC_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** Verifies an Authorization header: a Principal, null when absent, or throws UNAUTHENTICATED. */
export type Authenticate = (authorization: string | undefined) => Promise<Principal | null>;

/** The longest token lifetime accepted unless configured (AUTH_MAX_TOKEN_TTL_SECONDS). */
export const DEFAULT_MAX_TOKEN_TTL_SECONDS = 86_400;

/**
 * True when a token lives longer than `max` seconds, from its issue (`exp - iat`) or from now
 * (`exp - now`, which also catches an `iat` set in the future).
 */
export function livesTooLong(claims: { exp?: unknown; iat?: unknown }, max: number, now: number) {
  if (typeof claims.exp !== 'number') return true;
  const from = typeof claims.iat === 'number' ? Math.min(claims.iat, now) : now;
  return claims.exp - from > max || claims.exp - now > max;
}

/**
 * How long a verified token's principal is reused without verifying it again, at most (and
 * never past the token's `exp`): a caseworker's UI sends the same token many times a
 * minute, and a verification was ~6 % of the gateway's CPU per warm request. Short next to
 * the 10 minutes jose keeps a fetched key set, so a key withdrawn from the JWKS is honoured
 * hardly longer than without it.
 */
const VERIFIED_TTL_MS = 60_000;
/** Verified tokens remembered at most (a few hundred bytes each). */
const VERIFIED_MAX = 10_000;

/** Creates the authenticator for a configuration (`jwtSecret` resolved for development). */
export function createAuthenticator(
  config: AuthConfig,
  developmentSecret?: string,
  /** Least time between two JWKS fetches (an unknown `kid` triggers one). @default 30_000 */
  jwksCooldownMs = 30_000,
): Authenticate {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (config.mode === 'production') {
    // jose caches the key set and refetches on an unknown `kid`: key rotation needs no restart.
    key = createRemoteJWKSet(new URL(config.jwksUrl), {
      cooldownDuration: jwksCooldownMs,
      timeoutDuration: 5_000,
    });
    algorithms = ASYMMETRIC_ALGS;
  } else {
    const secret = config.jwtSecret ?? developmentSecret;
    if (!secret) throw new Error('development authentication needs a JWT secret');
    key = new TextEncoder().encode(secret);
    algorithms = ['HS256'];
  }
  // Keyed by the whole token: only the exact string that was verified hits.
  const remembered = new LRUCache<string, { principal: Principal; expiresAtMs: number }>({
    max: VERIFIED_MAX,
    ttl: VERIFIED_TTL_MS,
  });
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return null;
    const m = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization.trim());
    if (!m) throw unauthenticated('The Authorization header must be "Bearer <JWT>"');
    const token = m[1] as string;
    const known = remembered.get(token);
    // Expired since: verified again below, which refuses it (as jose does, `exp` is exclusive).
    if (known && Date.now() < known.expiresAtMs) return known.principal;
    let claims: Record<string, unknown>;
    try {
      const verified =
        typeof key === 'function'
          ? await jwtVerify(token, key, {
              algorithms,
              issuer: config.issuer,
              audience: config.audience,
              requiredClaims: ['exp', 'sub'],
            })
          : await jwtVerify(token, key, {
              algorithms,
              issuer: config.issuer,
              audience: config.audience,
              requiredClaims: ['exp', 'sub'],
            });
      claims = verified.payload;
    } catch {
      throw unauthenticated('The bearer token is invalid or expired');
    }
    // A stolen long-lived token would be good for years: refuse any living longer than allowed.
    const maxTtl = config.maxTokenTtlSeconds ?? DEFAULT_MAX_TOKEN_TTL_SECONDS;
    if (livesTooLong(claims, maxTtl, Math.floor(Date.now() / 1000)))
      throw unauthenticated(`The bearer token lives longer than the ${maxTtl} s accepted here`);
    const principal = principalFromClaims(claims);
    if (!principal)
      throw unauthenticated('The bearer token has an unknown role or malformed claims');
    remembered.set(token, { principal, expiresAtMs: (claims.exp as number) * 1000 });
    return principal;
  };
}
