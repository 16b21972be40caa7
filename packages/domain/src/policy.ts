/**
 * The access policy of DESIGN §4, in one place. Consent state is evaluated at request time
 * from the stored records: expiry needs no write.
 */
import type { ConsentRecord } from './records.js';
import { SECTOR_AREAS, type SectorArea } from './areas.js';
import { endOfCopenhagenDay } from './copenhagenTime.js';
import type { Principal } from './principal.js';

/** A consent as stored (`ACTIVE` or `WITHDRAWN`); EXPIRED is computed. */
export type StoredConsent = Pick<
  ConsentRecord,
  'id' | 'status' | 'areas' | 'givenAt' | 'validUntil' | 'withdrawnAt'
>;

/** Consent status as read at an instant. */
export type ConsentStatus = 'ACTIVE' | 'WITHDRAWN' | 'EXPIRED';

/** Why an area is visible, or NONE. */
export type AccessBasis = 'OWN_AUTHORITY' | 'CONSENT' | 'OWN_DATA' | 'NONE';

/** One entry of `Citizen.access`. */
export interface AreaAccess {
  readonly area: SectorArea;
  readonly visible: boolean;
  readonly basis: AccessBasis;
}

/** The status of a stored consent at `now`: ACTIVE turns EXPIRED when its day has ended. */
export function consentStatusAt(consent: StoredConsent, now: Date): ConsentStatus {
  if (consent.status === 'WITHDRAWN') return 'WITHDRAWN';
  return now.getTime() >= endOfCopenhagenDay(consent.validUntil).getTime() ? 'EXPIRED' : 'ACTIVE';
}

/**
 * The latest instant (ms) a consent history records, given or withdrawn; 0 for none. Write
 * instants are monotonic per citizen, so it moves forward with every write.
 */
export function latestConsentInstant(history: readonly StoredConsent[]): number {
  let latest = 0;
  for (const c of history) {
    latest = Math.max(latest, Date.parse(c.givenAt));
    if (c.withdrawnAt) latest = Math.max(latest, Date.parse(c.withdrawnAt));
  }
  return latest;
}

/** The most recent consent (by `givenAt`) of a history, or null. */
export function mostRecentConsent<T extends StoredConsent>(history: readonly T[]): T | null {
  let latest: T | null = null;
  for (const c of history) if (!latest || c.givenAt >= latest.givenAt) latest = c;
  return latest;
}

/** The areas an ACTIVE, unexpired consent in the history covers at `now`. */
export function consentedAreas(history: readonly StoredConsent[], now: Date): Set<SectorArea> {
  const areas = new Set<SectorArea>();
  for (const c of history) {
    if (consentStatusAt(c, now) === 'ACTIVE') for (const a of c.areas) areas.add(a);
  }
  return areas;
}

/**
 * `Citizen.access` for a principal looking at a citizen: all six areas, in canonical order.
 * Own authority wins over consent (DESIGN §3). A citizen sees their own data (OWN_DATA) and
 * nothing of anybody else's. A screener sees no area of anybody.
 */
export function decideAccess(
  principal: Principal,
  citizenCpr: string,
  consentHistory: readonly StoredConsent[],
  now: Date,
): AreaAccess[] {
  if (principal.role === 'citizen') {
    const own = principal.sub === citizenCpr;
    return SECTOR_AREAS.map((area) => ({ area, visible: own, basis: own ? 'OWN_DATA' : 'NONE' }));
  }
  // Screening rests on its statutory basis, not on area access: a screener sees no area, and
  // a consent never widens that (domain.md §6 rules 2 and 4).
  // An auditor reads access logs, never records (DESIGN §3a accessLog).
  if (principal.role === 'screener' || principal.role === 'auditor')
    return SECTOR_AREAS.map((area) => ({ area, visible: false, basis: 'NONE' }));
  const consented = consentedAreas(consentHistory, now);
  return SECTOR_AREAS.map((area) => {
    if (principal.areas.includes(area)) return { area, visible: true, basis: 'OWN_AUTHORITY' };
    if (consented.has(area)) return { area, visible: true, basis: 'CONSENT' };
    return { area, visible: false, basis: 'NONE' };
  });
}
