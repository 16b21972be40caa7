/** Who is asking: the closed type every access decision is made from (DESIGN §4). */
import { isSectorArea, type SectorArea } from './areas.js';
import { isValidCpr, parseCpr } from './cpr.js';

/**
 * Roles of the contract; more may come. `screener`: HOI target-group screening (udsøgning) on
 * the statutory basis, before any consent (domain.md §6 rule 2): may list the target groups
 * and read `hoiEligibility`, and sees no sector area's records.
 */
export const ROLES = ['caseworker', 'citizen', 'screener'] as const;
/** One role. */
export type Role = (typeof ROLES)[number];

/** A verified caller. For a citizen, `sub` is their CPR in `DDMMYY-SSSS` form. */
export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** Areas a caseworker has authority in; empty for citizens and screeners. */
  readonly areas: readonly SectorArea[];
}

/** True when the value is one of {@link ROLES}. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Builds a Principal from untrusted claims, or returns null when any claim is malformed. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | null {
  const { sub, role, areas } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) return null;
  if (!isRole(role)) return null;
  const list = areas ?? [];
  if (!Array.isArray(list) || !list.every(isSectorArea)) return null;
  // A screener has no authority in any area: a token claiming some is malformed, not widened.
  if (role === 'screener')
    return list.length > 0 ? null : Object.freeze({ sub, role, areas: Object.freeze([]) });
  if (role === 'citizen') {
    // A citizen's subject is their CPR; normalized so `cpr == sub` compares canonical forms.
    if (list.length > 0 || !isValidCpr(sub)) return null;
    return Object.freeze({ sub: parseCpr(sub).cpr, role, areas: Object.freeze([]) });
  }
  return Object.freeze({ sub, role, areas: Object.freeze([...new Set(list)]) });
}
