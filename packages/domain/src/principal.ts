/** Who is asking: the closed type every access decision is made from (DESIGN §4). */
import { isSectorArea, type SectorArea } from './areas.js';
import { isValidCpr, parseCpr } from './cpr.js';

/**
 * Roles of the contract; more may come. `screener`: HOI target-group screening (udsøgning) on
 * the statutory basis, before any consent (domain.md §6 rule 2): may list the target groups
 * and read `hoiEligibility`, and sees no sector area's records. `auditor`: the data protection
 * officer: reads the access log of any citizen and nothing else of theirs.
 */
export const ROLES = ['caseworker', 'citizen', 'screener', 'auditor'] as const;
/** One role. */
export type Role = (typeof ROLES)[number];

/** A verified caller. For a citizen, `sub` is their CPR in `DDMMYY-SSSS` form. */
export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** Areas a caseworker has authority in; empty for every other role. */
  readonly areas: readonly SectorArea[];
  /**
   * The caller's organisation unit (the token's optional `org` claim, e.g. "Jobcenter Nord"):
   * what consent records and the access log name instead of a person.
   */
  readonly org?: string;
}

/** Longest `org` claim accepted: a unit's name, not a document. */
export const ORG_MAX_LENGTH = 200;

/** True when the value is one of {@link ROLES}. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Builds a Principal from untrusted claims, or returns null when any claim is malformed. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | null {
  const { sub, role, areas } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) return null;
  if (!isRole(role)) return null;
  const org = orgFrom(claims.org);
  if (org === false) return null;
  const list = areas ?? [];
  if (!Array.isArray(list) || !list.every(isSectorArea)) return null;
  if (role === 'caseworker')
    return Object.freeze({ sub, role, areas: Object.freeze([...new Set(list)]), ...org });
  // Only a caseworker has authority in areas: any other role claiming some is malformed, not
  // widened (a screener works on its statutory basis, an auditor reads access logs only).
  if (list.length > 0) return null;
  if (role === 'citizen') {
    // A citizen's subject is their CPR; normalized so `cpr == sub` compares canonical forms.
    if (!isValidCpr(sub)) return null;
    return Object.freeze({ sub: parseCpr(sub).cpr, role, areas: Object.freeze([]), ...org });
  }
  return Object.freeze({ sub, role, areas: Object.freeze([]), ...org });
}

/** The `org` claim as `{ org }` (absent: `{}`); false when it is not a short non-empty string. */
function orgFrom(value: unknown): { readonly org?: string } | false {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') return false;
  const org = value.trim();
  return org.length === 0 || org.length > ORG_MAX_LENGTH ? false : { org };
}
