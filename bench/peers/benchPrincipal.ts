/**
 * The caller the peers sign access contexts for. The peers do not verify the bench's JWT (which
 * favours them slightly), but they act for the caller it names, as our gateway does: under
 * the realistic workload's five caseworkers the subgraphs then do the same work for all three
 * gateways (a caseworker of every area needs no consent decision that one of two areas does).
 */
import { principalFromClaims, SECTOR_AREAS, type Principal } from '@hoi/domain';

/** The bench's default caseworker: every area. */
export const BENCH_PRINCIPAL: Principal = {
  sub: 'bench-caseworker',
  role: 'caseworker',
  areas: [...SECTOR_AREAS],
};

/** The principal a bearer token's payload names (unverified); the default caseworker if none. */
export function benchPrincipalOf(authorization: string | null | undefined): Principal {
  const payload = /^Bearer [^.]+\.([^.]+)\./.exec(authorization ?? '')?.[1];
  if (!payload) return BENCH_PRINCIPAL;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    return principalFromClaims(claims) ?? BENCH_PRINCIPAL;
  } catch {
    return BENCH_PRINCIPAL;
  }
}
