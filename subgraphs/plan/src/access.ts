/**
 * Who may do what with a plan (DESIGN §3a). Reading follows the consent subgraph's grant, like
 * any record; writing an element of area A needs own authority in A (a consent only lets one
 * read); the citizen reads their whole plan and comments on its agreements.
 */
import { forbidden, unauthenticated, type Principal, type SectorArea } from '@hoi/domain';
import type { PlanContext } from './context.js';

/** The caller, or UNAUTHENTICATED. */
export function requirePrincipal(ctx: PlanContext): Principal {
  const principal = ctx.access.principal;
  if (!principal) throw unauthenticated();
  return principal;
}

/** Plans are read by caseworkers and the citizen; a screener works on screening only. */
export function requireReader(ctx: PlanContext): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.role !== 'caseworker' && principal.role !== 'citizen') {
    throw forbidden(`The ${principal.role} role may not read HOI plans`);
  }
  return principal;
}

/** A caseworker with own authority in at least one area (creating a plan, setting its status). */
export function requirePlanCaseworker(ctx: PlanContext, what: string): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.role !== 'caseworker' || principal.areas.length === 0) {
    throw forbidden(`${what} needs a caseworker with own authority in at least one area`);
  }
  return principal;
}

/** A caseworker with own authority in `area`: the only one who may write its elements. */
export function requireOwnAuthority(ctx: PlanContext, area: SectorArea, what: string): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.role !== 'caseworker' || !principal.areas.includes(area)) {
    throw forbidden(`${what} in ${area} needs own authority in ${area}`);
  }
  return principal;
}

/** The citizen role: commenting on agreements is the citizen's own partial write. */
export function requireCitizen(ctx: PlanContext, what: string): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.role !== 'citizen') throw forbidden(`${what} is for the citizen themself`);
  return principal;
}

/** A citizen acts on their own plan only. */
export function requireOwnPlan(ctx: PlanContext, cpr: string): void {
  if (requirePrincipal(ctx).sub !== cpr)
    throw forbidden('A citizen may only access their own data');
}
