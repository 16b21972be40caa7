/**
 * Who may do what in the screening subgraph (checked here, whatever the gateway did first):
 * - `screening`: the screener role only (statutory screening basis, domain.md §6 rule 2).
 * - `hoiEligibility`: a screener (every area, basis STATUTORY_SCREENING), or anyone whose
 *   access grant shows at least one area of the citizen, evaluated on those areas only.
 * - `hoiCase`: anyone but a screener, when EMPLOYMENT is visible.
 * - `registerHoiCase`, `declineHoi`: a caseworker with authority in EMPLOYMENT (the HOI case
 *   is an employment case, KLE 15.17.30).
 */
import {
  type AccessBasis,
  forbidden,
  type Principal,
  SECTOR_AREAS,
  type SectorArea,
  unauthenticated,
} from '@hoi/domain';
import type { ScreeningContext } from './context.js';
import type { ScreeningAuditPurpose, ScreeningAuditRecord } from './store/ScreeningStore.js';

/** The caller, or UNAUTHENTICATED. */
export function requirePrincipal(ctx: ScreeningContext): Principal {
  const principal = ctx.access.principal;
  if (!principal) throw unauthenticated();
  return principal;
}

/** The caller if a screener, else FORBIDDEN. */
export function requireScreener(ctx: ScreeningContext, what: string): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.role !== 'screener') throw forbidden(`${what} is for the screener role only`);
  return principal;
}

/** The caller if a caseworker with authority in EMPLOYMENT, else FORBIDDEN. */
export function requireEmploymentCaseworker(ctx: ScreeningContext, what: string): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.role !== 'caseworker' || !principal.areas.includes('EMPLOYMENT')) {
    throw forbidden(`${what} is for caseworkers with authority in EMPLOYMENT`);
  }
  return principal;
}

/** The areas an evaluation may read, and on which basis. */
export interface EvaluationScope {
  readonly areas: ReadonlySet<SectorArea>;
  readonly bases: Partial<Record<SectorArea, AccessBasis | 'STATUTORY_SCREENING'>>;
}

/**
 * What `hoiEligibility` may read for this caller, given the areas the grant shows. FORBIDDEN
 * for a non-screener who may see nothing of the citizen.
 */
export function evaluationScope(
  principal: Principal,
  visible: ReadonlySet<SectorArea>,
): EvaluationScope {
  if (principal.role === 'screener') {
    return {
      areas: new Set(SECTOR_AREAS),
      bases: Object.fromEntries(SECTOR_AREAS.map((a) => [a, 'STATUTORY_SCREENING'])),
    };
  }
  if (visible.size === 0)
    throw forbidden('hoiEligibility needs at least one visible area of the citizen');
  // The basis of each visible area, as the consent subgraph decided it (policy.ts decideAccess).
  const basis = (area: SectorArea): AccessBasis =>
    principal.role === 'citizen'
      ? 'OWN_DATA'
      : principal.areas.includes(area)
        ? 'OWN_AUTHORITY'
        : 'CONSENT';
  return { areas: visible, bases: Object.fromEntries([...visible].map((a) => [a, basis(a)])) };
}

/** An audit record of this request about one citizen (or none: `cpr` null). */
export function auditRecord(
  ctx: ScreeningContext,
  principal: Principal,
  purpose: ScreeningAuditPurpose,
  cpr: string | null,
  scope: { readonly areas: Iterable<SectorArea>; readonly bases: ScreeningAuditRecord['bases'] },
): ScreeningAuditRecord {
  const areas = SECTOR_AREAS.filter((a) => new Set(scope.areas).has(a));
  return {
    at: ctx.now.toISOString(),
    requestId: ctx.access.requestId,
    operationName: ctx.access.operationName,
    subject:
      principal.role === 'citizen'
        ? `citizen:${ctx.deps.pseudonymize(principal.sub)}`
        : principal.sub,
    role: principal.role,
    citizenRef: cpr === null ? null : ctx.deps.pseudonymize(cpr),
    areas,
    bases: Object.fromEntries(areas.map((a) => [a, scope.bases[a]])),
    purpose,
    unit: principal.org ?? null,
  };
}

/** Appends audit records and resolves once they are committed. */
export async function audit(
  ctx: ScreeningContext,
  records: readonly ScreeningAuditRecord[],
): Promise<void> {
  await Promise.all(records.map((r) => ctx.audit(r)));
}
