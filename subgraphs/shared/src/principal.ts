/** Who is asking: the closed type every access decision is made from (DESIGN §4). */
import { isSectorArea, type SectorArea } from './areas.js';
import { isValidCpr, parseCpr } from './cpr.js';

/** Roles of the contract; more may come. */
export const ROLES = ['caseworker', 'citizen'] as const;
/** One role. */
export type Role = (typeof ROLES)[number];

/** A verified caller. For a citizen, `sub` is their CPR in `DDMMYY-SSSS` form. */
export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** Areas a caseworker has authority in; empty for citizens. */
  readonly areas: readonly SectorArea[];
}

/** Builds a Principal from untrusted claims, or returns null when any claim is malformed. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | null {
  const { sub, role, areas } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) return null;
  if (role !== 'caseworker' && role !== 'citizen') return null;
  const list = areas ?? [];
  if (!Array.isArray(list) || !list.every(isSectorArea)) return null;
  if (role === 'citizen') {
    // A citizen's subject is their CPR; normalized so `cpr == sub` compares canonical forms.
    if (list.length > 0 || !isValidCpr(sub)) return null;
    return Object.freeze({ sub: parseCpr(sub).cpr, role, areas: Object.freeze([]) });
  }
  return Object.freeze({ sub, role, areas: Object.freeze([...new Set(list)]) });
}
