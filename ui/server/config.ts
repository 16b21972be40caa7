/**
 * The backend-for-frontend's configuration, validated at start with one message per bad value.
 * Only this module (and the entry) reads process.env, through `loadUiConfig(env)`.
 */
import { fileURLToPath } from 'node:url';
import { readDevTokenSettings, readEnv } from '@hoi/platform';

/** How callers log in. */
export type UiAuthConfig =
  | {
      /** Development: a login page that picks a role, areas and org; mints an HS256 token. */
      readonly mode: 'development';
      /** `AUTH_JWT_SECRET`; undefined: the machine's development secret (data/dev-jwt-secret). */
      readonly jwtSecret: string | undefined;
      /** `AUTH_ISSUER`. @default 'hoi-gateway-dev' */
      readonly issuer: string;
      /** `AUTH_AUDIENCE`. @default 'hoi-gateway' */
      readonly audience: string;
    }
  | {
      /** Production: OpenID Connect (authorization code flow with PKCE). */
      readonly mode: 'production';
      readonly issuerUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly redirectUrl: string;
      /** `OIDC_SCOPES`. @default 'openid profile' */
      readonly scopes: string;
    };

/** The BFF's settings. */
export interface UiConfig {
  /** `UI_PORT`. @default 4100 */
  readonly port: number;
  /** `UI_HOST`. @default '127.0.0.1' */
  readonly host: string;
  /** `GATEWAY_URL`: the gateway's GraphQL endpoint. @default http://127.0.0.1:$PORT/graphql (PORT 4000) */
  readonly gatewayUrl: string;
  /** `NODE_ENV === 'production'`: secure cookies, OIDC login, no development login. */
  readonly production: boolean;
  /**
   * `UI_PUBLIC_ORIGIN`: the origin browsers reach the UI at (e.g. https://overblik.kommune.dk);
   * POSTs from any other Origin are refused. Required in production.
   * Unset in development: the origin the request's Host header names.
   */
  readonly publicOrigin: string | undefined;
  /** `UI_SESSION_IDLE_SECONDS`: a session unused this long ends. @default 1800 */
  readonly sessionIdleSeconds: number;
  /** `UI_SESSION_MAX_SECONDS`: a session ends this long after login, used or not. @default 28800 */
  readonly sessionMaxSeconds: number;
  /** `UI_WEB_ROOT`: the built web app (vite build). @default ui/dist/web */
  readonly webRoot: string;
  readonly auth: UiAuthConfig;
}

/** The built web app, beside the compiled server (dist/server → dist/web) or the sources. */
export const DEFAULT_WEB_ROOT = fileURLToPath(
  new URL(import.meta.url.includes('/dist/server/') ? '../web/' : '../dist/web/', import.meta.url),
);

/** Validates the environment into a frozen config; throws ConfigError listing every problem. */
export function loadUiConfig(env: NodeJS.ProcessEnv): UiConfig {
  const r = readEnv(env);
  const production =
    r.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development') === 'production';
  const port = r.int('UI_PORT', 4100, 0, 65_535);
  const gatewayPort = r.int('PORT', 4000, 0, 65_535);
  const gatewayUrl = r.url('GATEWAY_URL') ?? `http://127.0.0.1:${gatewayPort}/graphql`;
  const publicOrigin = r.url('UI_PUBLIC_ORIGIN');
  if (production && !publicOrigin)
    r.problem('UI_PUBLIC_ORIGIN must be set in production (the origin browsers use, https://…)');
  if (publicOrigin && new URL(publicOrigin).origin !== publicOrigin.replace(/\/$/, ''))
    r.problem(`UI_PUBLIC_ORIGIN must be an origin like https://host[:port], got "${publicOrigin}"`);
  let auth: UiAuthConfig;
  if (production) {
    const issuerUrl = r.url('OIDC_ISSUER_URL');
    const clientId = r.optionalString('OIDC_CLIENT_ID');
    const clientSecret = r.optionalString('OIDC_CLIENT_SECRET');
    const redirectUrl = r.url('OIDC_REDIRECT_URL');
    for (const [name, value] of [
      ['OIDC_ISSUER_URL', issuerUrl],
      ['OIDC_CLIENT_ID', clientId],
      ['OIDC_CLIENT_SECRET', clientSecret],
      ['OIDC_REDIRECT_URL', redirectUrl],
    ] as const)
      if (!value) r.problem(`${name} must be set in production (the OIDC login)`);
    auth = {
      mode: 'production',
      issuerUrl: issuerUrl ?? '',
      clientId: clientId ?? '',
      clientSecret: clientSecret ?? '',
      redirectUrl: redirectUrl ?? '',
      scopes: r.string('OIDC_SCOPES', 'openid profile'),
    };
    if (redirectUrl && publicOrigin && new URL(redirectUrl).origin !== new URL(publicOrigin).origin)
      r.problem('OIDC_REDIRECT_URL must be on UI_PUBLIC_ORIGIN (…/auth/callback)');
    if (redirectUrl && !redirectUrl.startsWith('https://'))
      r.problem('OIDC_REDIRECT_URL must be https:// in production');
  } else {
    auth = {
      mode: 'development',
      ...readDevTokenSettings(r),
    };
  }
  const config: UiConfig = {
    port,
    host: r.string('UI_HOST', '127.0.0.1'),
    gatewayUrl,
    production,
    publicOrigin: publicOrigin?.replace(/\/$/, ''),
    sessionIdleSeconds: r.int('UI_SESSION_IDLE_SECONDS', 1800, 60, 86_400),
    sessionMaxSeconds: r.int('UI_SESSION_MAX_SECONDS', 28_800, 60, 86_400),
    webRoot: r.string('UI_WEB_ROOT', DEFAULT_WEB_ROOT),
    auth,
  };
  r.done();
  return Object.freeze(config);
}
