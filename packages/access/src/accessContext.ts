/**
 * The signed access context (DESIGN §4): the gateway forwards who is asking in a short-lived
 * HMAC-signed token; subgraphs answer nothing without a valid one. A client-set header gains nothing
 * without the secret, a captured one expires within {@link ACCESS_CONTEXT_TTL_SECONDS}, and
 * it carries a hash of the request body it was signed for (query and variables), so it is
 * good for that one request and nothing else.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { principalFromClaims, type Principal } from '@hoi/domain';

/** HTTP header carrying the access context from gateway to subgraph. */
export const ACCESS_CONTEXT_HEADER = 'x-hoi-access-context';
/** Lifetime of one access context; a request never takes longer. */
export const ACCESS_CONTEXT_TTL_SECONDS = 30;

const ISSUER = 'hoi-gateway';
const AUDIENCE = 'hoi-subgraphs';

/** What a subgraph learns from a valid access context. */
export interface AccessContext {
  /** Null for requests that read no citizen data (introspection in development). */
  readonly principal: Principal | null;
  readonly requestId: string;
  readonly operationName: string | null;
  /**
   * The caller reads held answers (`HELD_ANSWER_HEADER` in @hoi/platform): a subgraph may send
   * its answer before the request's audit record is durable and confirm the commit after it,
   * because this caller sends nothing on before the confirmation. Our gateway sets it; any
   * other caller gets answers only once they are durable.
   */
  readonly heldAnswers?: boolean;
}

/** The part of a GraphQL request body an access context is bound to. */
export interface SignedBody {
  readonly query?: unknown;
  readonly variables?: unknown;
}

/** JSON with object keys sorted: the same value hashes alike however it was serialized. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of a request body's query and variables, as the access context carries it. */
export function bodyHash(body: SignedBody | undefined): string {
  const query = typeof body?.query === 'string' ? body.query : '';
  return createHash('sha256')
    .update(query)
    .update('\0')
    .update(canonicalJson(body?.variables ?? {}))
    .digest('base64url');
}

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`access-context:${secret}`).digest();
}

/** Token format: `v2.<base64url JSON claims>.<base64url HMAC-SHA256 of the claims part>`. */
const VERSION = 'v2';
const TOKEN = /^v2\.([A-Za-z0-9_-]{1,8192})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signs access contexts (gateway side). One HMAC over compact JSON claims: it is signed for
 * every subgraph request (bound to its body), so it must cost microseconds, not a JWT's
 * hundred (the gateway and the subgraphs share one secret; nothing here needs a JWT's
 * algorithm choice or key discovery).
 */
export function createAccessContextSigner(secret: string) {
  const key = keyFrom(secret);
  return async (ctx: AccessContext, body: SignedBody, now = Date.now()): Promise<string> => {
    const iat = Math.floor(now / 1000);
    const claims = {
      ...(ctx.principal
        ? {
            sub: ctx.principal.sub,
            role: ctx.principal.role,
            areas: ctx.principal.areas,
            ...(ctx.principal.org === undefined ? {} : { org: ctx.principal.org }),
          }
        : {}),
      rid: ctx.requestId,
      op: ctx.operationName,
      ...(ctx.heldAnswers ? { ha: 1 } : {}),
      bh: bodyHash(body),
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      exp: iat + ACCESS_CONTEXT_TTL_SECONDS,
    };
    const part = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const mac = createHmac('sha256', key).update(part).digest('base64url');
    return `${VERSION}.${part}.${mac}`;
  };
}

/**
 * Verifies access contexts (subgraph side) against the body that came with them; resolves null
 * for anything not valid, expired, or signed for another body.
 */
export function createAccessContextVerifier(secret: string) {
  const key = keyFrom(secret);
  return async (
    token: string | undefined,
    body: SignedBody | undefined,
    now = Date.now(),
  ): Promise<AccessContext | null> => {
    const m = token ? TOKEN.exec(token) : null;
    if (!m) return null;
    const expected = createHmac('sha256', key)
      .update(m[1] as string)
      .digest();
    const given = Buffer.from(m[2] as string, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(Buffer.from(m[1] as string, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
    } catch {
      return null;
    }
    const seconds = Math.floor(now / 1000);
    if (payload.iss !== ISSUER || payload.aud !== AUDIENCE) return null;
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return null;
    // A little leeway for clocks; never longer than the lifetime.
    if (seconds >= payload.exp || payload.iat > seconds + 5) return null;
    if (payload.exp - payload.iat > ACCESS_CONTEXT_TTL_SECONDS) return null;
    if (typeof payload.rid !== 'string') return null;
    if (payload.bh !== bodyHash(body)) return null;
    const principal = payload.sub === undefined ? null : principalFromClaims(payload);
    if (payload.sub !== undefined && principal === null) return null;
    return {
      principal,
      requestId: payload.rid,
      operationName: typeof payload.op === 'string' ? payload.op : null,
      ...(payload.ha === 1 ? { heldAnswers: true } : {}),
    };
  };
}
