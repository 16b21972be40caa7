/**
 * What development tokens share between the gateway (which verifies them), `npm run token`
 * and the reference UI's backend-for-frontend (which mint them): the issuer and audience
 * defaults, and the machine's development secret when AUTH_JWT_SECRET is not set, generated
 * once per machine into ./data so that they agree without setup. Production never reads it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EnvReader } from './env.js';

/** Development token defaults (`AUTH_ISSUER`, `AUTH_AUDIENCE` when unset). */
export const DEV_TOKEN_DEFAULTS = { issuer: 'hoi-gateway-dev', audience: 'hoi-gateway' } as const;

/** How development tokens are signed and checked: AUTH_JWT_SECRET (else the machine's), issuer, audience. */
export interface DevTokenSettings {
  /** Unset: the machine's development secret ({@link developmentJwtSecret}). */
  readonly jwtSecret: string | undefined;
  readonly issuer: string;
  readonly audience: string;
}

/** Reads the development token settings, as the gateway and the reference UI both need them. */
export function readDevTokenSettings(r: EnvReader): DevTokenSettings {
  return {
    jwtSecret: r.secret('AUTH_JWT_SECRET', 32),
    issuer: r.string('AUTH_ISSUER', DEV_TOKEN_DEFAULTS.issuer),
    audience: r.string('AUTH_AUDIENCE', DEV_TOKEN_DEFAULTS.audience),
  };
}

/** Where the development secret lives: data/ at the repository root (from src/ or dist/). */
export const DEV_SECRET_FILE = new URL('../../../data/dev-jwt-secret', import.meta.url).pathname;

/** Reads the development secret, creating it on first use. */
export function developmentJwtSecret(file = DEV_SECRET_FILE): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    // Another process created it first: use theirs.
    return readFileSync(file, 'utf8').trim();
  }
}

/** Who a development token names: a caseworker's areas only for a caseworker. */
export interface DevelopmentPrincipal {
  readonly sub: string;
  readonly role: string;
  readonly areas?: readonly string[];
  readonly org?: string;
}

/** Signs development tokens (HS256) that a development gateway with the same secret accepts. */
export type DevTokenSigner = (
  principal: DevelopmentPrincipal,
  ttlSeconds: number,
) => Promise<string>;

/**
 * The one signer of development tokens, for `npm run token`, the playground's tabs and the
 * reference UI's development login. Claims are the gateway's (DESIGN §4): `role`, `areas` for
 * a caseworker, `org` when given; every token has its own `jti`.
 */
export function createDevTokenSigner(options: {
  readonly secret: string;
  readonly issuer?: string;
  readonly audience?: string;
}): DevTokenSigner {
  const key = new TextEncoder().encode(options.secret);
  return ({ sub, role, areas, org }, ttlSeconds) =>
    new SignJWT({
      role,
      ...(role === 'caseworker' ? { areas: [...(areas ?? [])] } : {}),
      ...(org ? { org } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuer(options.issuer ?? DEV_TOKEN_DEFAULTS.issuer)
      .setAudience(options.audience ?? DEV_TOKEN_DEFAULTS.audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(key);
}
