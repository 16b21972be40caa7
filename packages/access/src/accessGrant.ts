/**
 * The access grant: which areas of one citizen this request may see, decided by the consent
 * subgraph and handed to the data subgraphs through `@requires(fields: "accessGrant")`.
 *
 * It is `<mask>.<mac>`: a bitmask over SECTOR_AREAS and an HMAC binding it to the CPR. It is
 * deterministic, so the gateway's entity cache keys carry who-may-see-what (DESIGN §6), and
 * unforgeable without the secret, so a representation cannot widen access.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SECTOR_AREAS, type SectorArea } from '@hoi/domain';

/** Signs and verifies access grants. */
export interface AccessGrants {
  sign(cpr: string, visible: readonly SectorArea[]): string;
  /** The visible areas, or null when the grant is missing, malformed or not for this CPR. */
  verify(cpr: string, grant: unknown): ReadonlySet<SectorArea> | null;
}

/** Creates the grant codec for a shared secret. */
export function createAccessGrants(secret: string): AccessGrants {
  const mac = (cpr: string, mask: number): Buffer =>
    createHmac('sha256', `access-grant:${secret}`)
      .update(`${cpr}|${mask}`)
      .digest()
      .subarray(0, 16);
  return {
    sign(cpr, visible) {
      const mask = SECTOR_AREAS.reduce((m, a, i) => (visible.includes(a) ? m | (1 << i) : m), 0);
      return `${mask}.${mac(cpr, mask).toString('base64url')}`;
    },
    verify(cpr, grant) {
      if (typeof grant !== 'string') return null;
      const m = /^(\d{1,2})\.([A-Za-z0-9_-]{22})$/.exec(grant);
      if (!m) return null;
      const mask = Number(m[1]);
      if (mask >= 1 << SECTOR_AREAS.length) return null;
      const given = Buffer.from(m[2] as string, 'base64url');
      if (given.length !== 16 || !timingSafeEqual(given, mac(cpr, mask))) return null;
      return new Set(SECTOR_AREAS.filter((_, i) => (mask & (1 << i)) !== 0));
    },
  };
}
