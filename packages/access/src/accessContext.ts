/**
 * The signed access context (DESIGN §4): the gateway forwards who is asking in a short-lived
 * HS256 token; subgraphs answer nothing without a valid one. A client-set header gains nothing
 * without the secret, and a captured one expires within {@link ACCESS_CONTEXT_TTL_SECONDS}.
 */
import { jwtVerify, SignJWT } from 'jose';
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
}

function keyFrom(secret: string): Uint8Array {
  return new TextEncoder().encode(`access-context:${secret}`);
}

/** Signs access contexts (gateway side). */
export function createAccessContextSigner(secret: string) {
  const key = keyFrom(secret);
  return async (ctx: AccessContext, now = Date.now()): Promise<string> => {
    const iat = Math.floor(now / 1000);
    return new SignJWT({
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
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'hoi-access+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_CONTEXT_TTL_SECONDS)
      .sign(key);
  };
}

/** Verifies access contexts (subgraph side); resolves null for anything not valid. */
export function createAccessContextVerifier(secret: string) {
  const key = keyFrom(secret);
  return async (token: string | undefined, now = Date.now()): Promise<AccessContext | null> => {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: 'hoi-access+jwt',
        currentDate: new Date(now),
        requiredClaims: ['exp', 'iat', 'rid'],
      });
      if (typeof payload.rid !== 'string') return null;
      const principal = payload.sub === undefined ? null : principalFromClaims(payload);
      if (payload.sub !== undefined && principal === null) return null;
      return {
        principal,
        requestId: payload.rid,
        operationName: typeof payload.op === 'string' ? payload.op : null,
      };
    } catch {
      return null;
    }
  };
}
