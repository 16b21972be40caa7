/**
 * The `Citizen` entity as the data subgraphs receive it: the key and the access grant
 * (`@requires(fields: "accessGrant")`), and the one check every data field makes.
 */
import type { AccessContext, AccessGrants } from '@hoi/access';
import { badUserInput, CprFormatError, forbidden, parseCpr, type SectorArea } from '@hoi/domain';

/** A Citizen representation: key plus, where required, the grant. */
export interface CitizenRef {
  readonly cpr: string;
  readonly accessGrant?: string | null;
}

/** `__resolveReference` for Citizen: normalizes the key, keeps the grant. */
export function resolveCitizenRef(ref: { cpr?: unknown; accessGrant?: unknown }): CitizenRef {
  try {
    const { cpr } = parseCpr(ref.cpr);
    return { cpr, accessGrant: typeof ref.accessGrant === 'string' ? ref.accessGrant : null };
  } catch (e) {
    if (e instanceof CprFormatError) throw badUserInput(e.message, { argument: 'cpr' });
    throw e;
  }
}

/**
 * The areas of this citizen the request may see. A missing, forged or expired grant, or one
 * decided for another principal, is FORBIDDEN: data subgraphs never decide access themselves,
 * and never guess.
 */
export function visibleAreas(
  grants: AccessGrants,
  citizen: CitizenRef,
  access: AccessContext,
): ReadonlySet<SectorArea> {
  const sub = access.principal?.sub;
  const visible = sub === undefined ? null : grants.verify(citizen.cpr, citizen.accessGrant, sub);
  if (!visible)
    throw forbidden('Citizen data requires a current access grant from the consent subgraph');
  return visible;
}

/**
 * Loads a citizen's records and keeps those of visible areas: withheld records are absent,
 * not hidden. With nothing visible, the source is not asked at all.
 */
export async function loadVisible<T extends { readonly area: SectorArea }>(
  grants: AccessGrants,
  citizen: CitizenRef,
  access: AccessContext,
  loader: { load(cpr: string): Promise<readonly T[]> },
): Promise<T[]> {
  const visible = visibleAreas(grants, citizen, access);
  if (visible.size === 0) return [];
  return onlyVisible(await loader.load(citizen.cpr), visible);
}

/** Keeps only records of visible areas. */
function onlyVisible<T extends { readonly area: SectorArea }>(
  records: readonly T[],
  visible: ReadonlySet<SectorArea>,
): T[] {
  return records.filter((r) => visible.has(r.area));
}
