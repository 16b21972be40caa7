/**
 * The access grant: which areas of one citizen a request may see, decided by the consent
 * subgraph and handed to the data subgraphs through `@requires(fields: "accessGrant")`.
 *
 * It is `<mask>.<version>.<window>.<mac>`: a bitmask over SECTOR_AREAS, the version of the
 * citizen's consent state the decision rests on, a validity window, and an HMAC binding all
 * of it to the CPR and to the principal it was decided for (DESIGN §4). So it is unforgeable
 * without the secret (a representation cannot widen access), good for nobody else (replayed
 * with another principal's access context it opens nothing), and short-lived: it is valid
 * from the start of its window for GRANT_WINDOW_SECONDS × 2 (≤ 60 s), and a data subgraph
 * refuses it after that. It is deterministic within a window, so the gateway's entity cache
 * keys (which hold it) are shared by a principal's requests in one window, and a consent
 * change (a new version) never meets an old entry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SECTOR_AREAS, type SectorArea } from '@hoi/domain';

/** Length of a grant's window; a grant is valid for two windows from its window's start. */
export const GRANT_WINDOW_SECONDS = 30;

/** Whom, and on which consent state, a grant is decided. */
export interface GrantBinding {
  /** The principal's `sub`. */
  readonly sub: string;
  /** The version of the citizen's consent state the decision rests on. */
  readonly version: number;
}

/** Signs and verifies access grants. */
export interface AccessGrants {
  sign(cpr: string, visible: readonly SectorArea[], binding: GrantBinding, now?: number): string;
  /**
   * The visible areas, or null when the grant is missing, malformed, expired, not for this
   * CPR or not for this principal.
   */
  verify(cpr: string, grant: unknown, sub: string, now?: number): ReadonlySet<SectorArea> | null;
}

const GRANT = /^(\d{1,2})\.(\d{1,16})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

/**
 * The decision a grant carries, `<mask>.<version>`: the visible areas and the consent state
 * they rest on, without whom and in which window it was issued for. A data subgraph's answer
 * to a valid grant depends on nothing else, so the gateway keys its entity cache by this: one
 * caller's answer serves another whose own grant for the citizen holds the same decision, and
 * a consent change (a new version, or an expiry that changes the mask) never meets an old
 * entry. Null for anything that is not a grant.
 */
export function grantDecision(grant: unknown): string | null {
  if (typeof grant !== 'string') return null;
  const m = GRANT.exec(grant);
  return m ? `${m[1]}.${m[2]}` : null;
}

/** Creates the grant codec for a shared secret. */
export function createAccessGrants(secret: string): AccessGrants {
  const key = `access-grant:${secret}`;
  const mac = (cpr: string, mask: number, version: number, window: number, sub: string) =>
    createHmac('sha256', key)
      .update(`${cpr}|${mask}|${version}|${window}|${sub}`)
      .digest()
      .subarray(0, 16);
  const windowOf = (now: number) => Math.floor(now / (GRANT_WINDOW_SECONDS * 1000));
  return {
    sign(cpr, visible, { sub, version }, now = Date.now()) {
      const mask = SECTOR_AREAS.reduce((m, a, i) => (visible.includes(a) ? m | (1 << i) : m), 0);
      const window = windowOf(now);
      const tag = mac(cpr, mask, version, window, sub).toString('base64url');
      return `${mask}.${version}.${window}.${tag}`;
    },
    verify(cpr, grant, sub, now = Date.now()) {
      if (typeof grant !== 'string') return null;
      const m = GRANT.exec(grant);
      if (!m) return null;
      const [mask, version, window] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (mask >= 1 << SECTOR_AREAS.length) return null;
      // Valid in its own window and the next: at most 2 × GRANT_WINDOW_SECONDS old.
      const current = windowOf(now);
      if (window > current || window < current - 1) return null;
      const given = Buffer.from(m[4] as string, 'base64url');
      if (given.length !== 16 || !timingSafeEqual(given, mac(cpr, mask, version, window, sub)))
        return null;
      return new Set(SECTOR_AREAS.filter((_, i) => (mask & (1 << i)) !== 0));
    },
  };
}
