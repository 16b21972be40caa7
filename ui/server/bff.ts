/**
 * @hoi/ui: the reference UI's backend-for-frontend (BFF). It serves the built web app, holds
 * each caller's token server-side (the browser gets an opaque HttpOnly, SameSite=Strict
 * session cookie), and forwards the app's GraphQL operations to the gateway with
 * `Authorization: Bearer <token>`, passing the gateway's JSON answer back unchanged (its
 * `errors[].extensions.code` included).
 *
 * Cross-site requests cannot use the cookie: SameSite=Strict keeps it off them, and every
 * POST must also carry the app's `x-hoi-bff` header and a JSON content type (which a
 * cross-site page cannot send without a CORS preflight this server never answers), come from
 * the UI's own Origin when the browser names one, and not be marked cross-site by
 * Sec-Fetch-Site. Request bodies are bounded; sessions expire; logout ends the session.
 * The log names method, route, status and time only: never a body, a query string, a CPR
 * or a token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DevTokenSigner } from '@hoi/platform';
import { mintDevToken, parseDevLogin } from './devLogin.js';
import type { OidcLogin } from './oidc.js';
import { createSessionStore, type SessionStore, type SessionUser } from './sessions.js';
import { serveStatic } from './staticFiles.js';

export { createDevTokenSigner, type DevTokenSigner } from '@hoi/platform';
export { createOidcLogin, userFromClaims, type OidcLogin, type OidcOptions } from './oidc.js';
export { createSessionStore, type SessionStore, type SessionUser } from './sessions.js';
export { loadUiConfig, type UiConfig, type UiAuthConfig, DEFAULT_WEB_ROOT } from './config.js';

/** The header every POST of the web app carries (a cross-site form or image cannot). */
export const BFF_HEADER = 'x-hoi-bff';

/** The Content-Security-Policy of every answer: this origin only, nothing inline. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The largest request body accepted (a GraphQL operation of the app is a few KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

/** The part of the process logger (pino, CPR-masking) the BFF uses. */
export interface BffLogger {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What the BFF is built from. */
export interface BffOptions {
  /** The gateway's GraphQL endpoint. */
  readonly gatewayUrl: string;
  /** The built web app's folder. */
  readonly webRoot: string;
  /**
   * The origin browsers use for this UI: POSTs from another Origin are refused. Unset
   * (development): the origin the request's Host names.
   */
  readonly publicOrigin?: string;
  /** Secure cookies (`__Host-` name, `Secure`): production, behind TLS. */
  readonly secureCookies: boolean;
  /** Development login: mints tokens with this signer. Without it, no development login. */
  readonly devLogin?: DevTokenSigner;
  /** Production login (OpenID Connect). Given with `devLogin`, the development login wins. */
  readonly oidc?: OidcLogin;
  readonly sessionIdleSeconds: number;
  readonly sessionMaxSeconds: number;
  readonly logger: BffLogger;
  /** Forwarding timeout to the gateway. @default 30000 */
  readonly gatewayTimeoutMs?: number;
}

/** The running BFF. */
export interface Bff {
  readonly server: Server;
  readonly sessions: SessionStore;
  /** Stops accepting, ends the sessions. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A GraphQL-shaped error body, so the app shows every failure the same way. */
function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The body is not JSON');
  }
}

/** Creates the BFF's HTTP server (not listening). */
export function createBff(options: BffOptions): Bff {
  const sessions = createSessionStore({
    idleMs: options.sessionIdleSeconds * 1000,
    maxMs: options.sessionMaxSeconds * 1000,
  });
  const cookieName = options.secureCookies ? '__Host-hoi_session' : 'hoi_session';
  const cookieAttributes = `Path=/; HttpOnly; SameSite=Strict${options.secureCookies ? '; Secure' : ''}`;
  // The pending OIDC login: Lax, since the IdP's redirect back is a cross-site navigation.
  const loginCookieName = options.secureCookies ? '__Host-hoi_login' : 'hoi_login';
  const loginCookieAttributes = `Path=/; HttpOnly; SameSite=Lax; Max-Age=600${options.secureCookies ? '; Secure' : ''}`;
  const oidc = options.devLogin ? undefined : options.oidc;
  const log = options.logger;

  /** Refuses a state-changing request that may come from another site. */
  function checkSameOrigin(req: IncomingMessage): void {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    const type = req.headers['content-type'] ?? '';
    if (
      req.headers[BFF_HEADER] !== '1' ||
      !/^application\/json\b/i.test(type) ||
      (origin !== undefined &&
        origin !== (options.publicOrigin ?? `http://${req.headers.host ?? ''}`)) ||
      (site !== undefined && site !== 'same-origin' && site !== 'none')
    )
      throw new HttpError(403, 'FORBIDDEN', 'Cross-site request refused');
  }

  function sessionView(user: SessionUser | undefined) {
    return JSON.stringify(
      user
        ? {
            authenticated: true,
            devLogin: options.devLogin !== undefined,
            oidcLogin: oidc !== undefined,
            role: user.role,
            areas: user.areas,
            org: user.org ?? null,
            cpr: user.cpr ?? null,
          }
        : {
            authenticated: false,
            devLogin: options.devLogin !== undefined,
            oidcLogin: oidc !== undefined,
          },
    );
  }

  async function forward(token: string, body: Buffer, res: ServerResponse): Promise<void> {
    let answer: Response;
    try {
      answer = await fetch(options.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${token}`,
        },
        body,
        signal: AbortSignal.timeout(options.gatewayTimeoutMs ?? 30_000),
      });
    } catch (e) {
      log.warn({ err: e instanceof Error ? e.name : 'error' }, 'gateway did not answer');
      throw new HttpError(502, 'SERVICE_UNAVAILABLE', 'The gateway did not answer');
    }
    const text = await answer.text();
    res.statusCode = answer.status;
    res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/json');
    const retryAfter = answer.headers.get('retry-after');
    if (retryAfter) res.setHeader('retry-after', retryAfter);
    res.end(text);
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const sid = readCookie(req, cookieName);
    if (path === '/health' && method === 'GET') {
      res.setHeader('content-type', 'text/plain');
      res.end('ok');
      return;
    }
    if (path === '/api/session' && method === 'GET') {
      res.setHeader('content-type', 'application/json');
      res.end(sessionView(sessions.get(sid)?.user));
      return;
    }
    if (path === '/api/graphql') {
      if (method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'POST only');
      checkSameOrigin(req);
      const session = sessions.get(sid);
      if (!session) throw new HttpError(401, 'UNAUTHENTICATED', 'Not logged in');
      const body = await readBody(req);
      return forward(session.token, body, res);
    }
    if (path === '/auth/dev-login' && options.devLogin) {
      if (method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'POST only');
      checkSameOrigin(req);
      const user = parseDevLogin(await readJson(req));
      if ('error' in user) throw new HttpError(400, 'BAD_USER_INPUT', user.error);
      const token = await mintDevToken(options.devLogin, user, options.sessionMaxSeconds);
      sessions.delete(sid);
      const id = sessions.create(token, user);
      res.setHeader('set-cookie', `${cookieName}=${id}; ${cookieAttributes}`);
      res.setHeader('content-type', 'application/json');
      res.end(sessionView(user));
      return;
    }
    if (path === '/auth/login' && oidc) {
      if (method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'GET only');
      const { redirect, pendingId } = await oidc.start();
      res.setHeader('set-cookie', `${loginCookieName}=${pendingId}; ${loginCookieAttributes}`);
      res.statusCode = 302;
      res.setHeader('location', redirect);
      res.end();
      return;
    }
    if (path === '/auth/callback' && oidc) {
      if (method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'GET only');
      const clearLogin = `${loginCookieName}=; ${loginCookieAttributes.replace('Max-Age=600', 'Max-Age=0')}`;
      let login;
      try {
        login = await oidc.finish(
          readCookie(req, loginCookieName),
          new URL(req.url ?? '/', 'http://ui.invalid'),
        );
      } catch (e) {
        // The reason, never the code or a token (an OAuth error's message names neither).
        log.warn({ reason: e instanceof Error ? e.message : 'unknown' }, 'OIDC login failed');
        res.setHeader('set-cookie', clearLogin);
        throw new HttpError(400, 'UNAUTHENTICATED', 'Login failed: start again at /auth/login');
      }
      sessions.delete(sid);
      const id = sessions.create(
        login.accessToken,
        login.user,
        login.expiresIn === undefined ? undefined : login.expiresIn * 1000,
      );
      res.setHeader('set-cookie', [clearLogin, `${cookieName}=${id}; ${cookieAttributes}`]);
      res.statusCode = 302;
      res.setHeader('location', '/');
      res.end();
      return;
    }
    if (path === '/auth/logout') {
      if (method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'POST only');
      checkSameOrigin(req);
      sessions.delete(sid);
      res.setHeader('set-cookie', `${cookieName}=; ${cookieAttributes}; Max-Age=0`);
      res.statusCode = 204;
      res.end();
      return;
    }
    if (path.startsWith('/api/') || path.startsWith('/auth/'))
      throw new HttpError(404, 'NOT_FOUND', 'No such endpoint');
    if (method !== 'GET' && method !== 'HEAD')
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'GET only');
    if (!(await serveStatic(options.webRoot, path, res, method === 'HEAD')))
      throw new HttpError(404, 'NOT_FOUND', 'No such file');
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    // Security headers on every answer, before anything can fail.
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    if (options.secureCookies)
      res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    let path = '/';
    try {
      path = new URL(req.url ?? '/', 'http://ui.invalid').pathname;
    } catch {
      // keep '/'
    }
    if (path.startsWith('/api/') || path.startsWith('/auth/'))
      res.setHeader('cache-control', 'no-store');
    route(req, res, path)
      .catch((e: unknown) => {
        const error =
          e instanceof HttpError
            ? e
            : new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong');
        if (!(e instanceof HttpError)) log.error({ err: e }, 'request failed');
        if (res.headersSent) return res.destroy();
        res.statusCode = error.status;
        res.setHeader('content-type', 'application/json');
        res.end(errorBody(error.code, error.message));
      })
      .finally(() => {
        // The route, never the query string (an OIDC callback's code) or a body.
        const route = /^\/(api|auth|health)\b/.test(path) ? path : 'static';
        log.debug(
          { method: req.method, route, status: res.statusCode, ms: performance.now() - started },
          'request',
        );
      });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return {
    server,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        sessions.close();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
