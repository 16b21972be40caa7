/** Keyed-HMAC pseudonyms for CPR numbers: audit records and cache keys never hold a CPR. */
import { createHmac } from 'node:crypto';

/** Creates a pseudonymizer; the same key always maps a CPR to the same pseudonym. */
export function createPseudonymizer(key: string, purpose: string): (cpr: string) => string {
  return (cpr) =>
    createHmac('sha256', `${purpose}:${key}`).update(cpr).digest('base64url').slice(0, 32);
}
