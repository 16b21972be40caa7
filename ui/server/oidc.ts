/**
 * The production login: OpenID Connect, authorization code flow with PKCE (S256), state and
 * nonce, through openid-client. The IdP's access token is what the BFF forwards to the
 * gateway (which verifies it against AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE); the ID
 * token's claims (validated by openid-client: signature, issuer, audience, nonce, expiry)
 * tell the UI who logged in: `sub`, `role`, `areas`, `org`, the claims the gateway reads.
 * A pending login (verifier, state, nonce) lives server-side for a few minutes under its own
 * random id, in a SameSite=Lax cookie (the IdP's redirect back is a cross-site navigation).
 */
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { isSectorArea, isValidCpr, parseCpr } from '@hoi/domain';
import type { SessionUser } from './sessions.js';

/** The OIDC client's settings. */
export interface OidcOptions {
  /** `OIDC_ISSUER_URL`: the IdP (its /.well-known/openid-configuration is read at start). */
  readonly issuerUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `OIDC_REDIRECT_URL`: this UI's /auth/callback as registered at the IdP. */
  readonly redirectUrl: string;
  /** `OIDC_SCOPES`. @default 'openid profile' */
  readonly scopes?: string;
  /** Plain-HTTP IdP: tests only (never from the environment). @default false */
  readonly allowInsecureRequests?: boolean;
}

/** A started login: where to send the browser, and the id of its pending state. */
export interface StartedLogin {
  readonly redirect: string;
  readonly pendingId: string;
}

/** A finished login: the token to forward and who it is. */
export interface FinishedLogin {
  readonly accessToken: string;
  readonly user: SessionUser;
  /** Seconds until the access token expires, when the IdP says. */
  readonly expiresIn: number | undefined;
}

/** The OIDC login. */
export interface OidcLogin {
  start(): Promise<StartedLogin>;
  /** Completes the login from the callback URL; throws when anything does not check out. */
  finish(pendingId: string | undefined, callbackUrl: URL): Promise<FinishedLogin>;
}

/** How long a login may take at the IdP. */
const PENDING_MS = 10 * 60_000;
/** At most this many logins in flight (bounds memory against a flood of /auth/login). */
const MAX_PENDING = 10_000;

const ROLES = ['caseworker', 'citizen', 'screener', 'auditor'] as const;

/** The UI's view of the ID token's claims; throws on a role or claim the gateway would refuse. */
export function userFromClaims(claims: Record<string, unknown>): SessionUser {
  const role = claims.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    throw new Error('the ID token has no known role claim');
  const areas = Array.isArray(claims.areas) ? claims.areas.filter(isSectorArea) : [];
  const org = typeof claims.org === 'string' ? claims.org : undefined;
  if (role === 'citizen') {
    if (!isValidCpr(claims.sub)) throw new Error("a citizen's sub must be their CPR");
    return { role, areas: [], org: undefined, cpr: parseCpr(claims.sub).cpr };
  }
  return { role: role as SessionUser['role'], areas, org, cpr: undefined };
}

/** Discovers the IdP and returns the login (rejects when the IdP cannot be read). */
export async function createOidcLogin(options: OidcOptions): Promise<OidcLogin> {
  const config = await client.discovery(
    new URL(options.issuerUrl),
    options.clientId,
    options.clientSecret,
    undefined,
    {
      timeout: 10,
      ...(options.allowInsecureRequests ? { execute: [client.allowInsecureRequests] } : {}),
    },
  );
  const pending = new Map<
    string,
    { verifier: string; state: string; nonce: string; createdAt: number }
  >();
  return {
    async start() {
      const now = Date.now();
      for (const [id, p] of pending) if (now - p.createdAt > PENDING_MS) pending.delete(id);
      while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const pendingId = randomBytes(32).toString('base64url');
      pending.set(pendingId, { verifier, state, nonce, createdAt: now });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUrl,
        scope: options.scopes ?? 'openid profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { redirect: url.href, pendingId };
    },
    async finish(pendingId, callbackUrl) {
      const p = pendingId ? pending.get(pendingId) : undefined;
      if (!p || !pendingId || Date.now() - p.createdAt > PENDING_MS)
        throw new Error('no pending login for this browser (expired, or started elsewhere)');
      // One use: a replayed callback finds nothing.
      pending.delete(pendingId);
      // The callback as the IdP sent it, on the registered redirect URL (not on whatever Host
      // the request named).
      const current = new URL(options.redirectUrl);
      current.search = callbackUrl.search;
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: p.verifier,
        expectedState: p.state,
        expectedNonce: p.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the IdP sent no ID token');
      return {
        accessToken: tokens.access_token,
        user: userFromClaims(claims as Record<string, unknown>),
        expiresIn: tokens.expiresIn(),
      };
    },
  };
}
