/**
 * Opening a citizen for a request: who may, what they may see, and the audit record written
 * before anything is returned (DESIGN §4). Every read of a citizen goes through here.
 */
import type { GraphQLError } from 'graphql';
import {
  type AccessBasis,
  type ConsentRecord,
  decideAccess,
  forbidden,
  type Principal,
  type SectorArea,
  unauthenticated,
} from '@hoi/domain';
import { isSourceError } from '@hoi/subgraph-kit';
import type { ConsentContext } from './context.js';
import type { CitizenView } from './mappers.js';

/** The caller, or UNAUTHENTICATED: citizen data is never read anonymously. */
export function requirePrincipal(ctx: ConsentContext): Principal {
  const principal = ctx.access.principal;
  if (!principal) throw unauthenticated();
  return principal;
}

/** A citizen may act only on their own CPR. */
export function requireOwnCprForCitizen(principal: Principal, cpr: string): void {
  if (principal.role === 'citizen' && principal.sub !== cpr) {
    throw forbidden('A citizen may only access their own data');
  }
}

/**
 * A screener works on the statutory screening basis (domain.md §6 rule 2): it reads
 * `hoiEligibility` (screening subgraph) and nothing of what this subgraph holds; the gateway
 * refuses it first, this is the server-side check behind that.
 */
export function forbidScreener(principal: Principal, what: string): void {
  if (principal.role === 'screener') throw forbidden(`The screener role may not use ${what}`);
}

/** Who the audit log names: a caseworker's id, or a citizen's pseudonym (never a CPR). */
export function auditSubject(principal: Principal, ctx: ConsentContext): string {
  return principal.role === 'citizen'
    ? `citizen:${ctx.deps.pseudonymize(principal.sub)}`
    : principal.sub;
}

/** Decides access to a citizen for this request and audits it; resolves once audited. */
export async function openCitizen(cpr: string, ctx: ConsentContext): Promise<CitizenView> {
  const principal = requirePrincipal(ctx);
  requireOwnCprForCitizen(principal, cpr);
  const { history, unavailable } = await consentHistoryOf(cpr, ctx);
  const access = decideAccess(principal, cpr, history, ctx.now);
  const visible = access.filter((a) => a.visible);
  await ctx.audit({
    at: ctx.now.toISOString(),
    requestId: ctx.access.requestId,
    operationName: ctx.access.operationName,
    subject: auditSubject(principal, ctx),
    role: principal.role,
    citizenRef: ctx.deps.pseudonymize(cpr),
    areas: visible.map((a) => a.area),
    bases: Object.fromEntries(visible.map((a) => [a.area, a.basis])) as Partial<
      Record<SectorArea, AccessBasis>
    >,
  });
  return unavailable ? { cpr, access, consentUnavailable: unavailable } : { cpr, access };
}

/**
 * The citizen's consent history. When the consent register cannot be read, access is decided
 * as if there were no consent, which fails closed (a consent only ever adds visibility), and
 * the error is kept so that the answer says why consented areas read as not visible.
 */
async function consentHistoryOf(
  cpr: string,
  ctx: ConsentContext,
): Promise<{ history: readonly ConsentRecord[]; unavailable: GraphQLError | null }> {
  try {
    return { history: await ctx.consentHistoryByCitizen.load(cpr), unavailable: null };
  } catch (err) {
    if (!isSourceError(err)) throw err;
    return { history: [], unavailable: err };
  }
}
