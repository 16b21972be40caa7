/** A stored consent as the API shows it: status evaluated at the request's instant. */
import {
  type Actor,
  type ConsentChannel,
  type ConsentRecord,
  type ConsentStatus,
  consentStatusAt,
  type SectorArea,
} from '@hoi/domain';

/** The GraphQL shape of a Consent. */
export interface ConsentView {
  readonly id: string;
  readonly status: ConsentStatus;
  readonly areas: readonly SectorArea[];
  readonly givenAt: string;
  readonly validUntil: string;
  readonly withdrawnAt: string | null;
  readonly channel: ConsentChannel;
  readonly givenBy: Actor;
  readonly withdrawnBy: Actor | null;
}

/** Evaluates a stored consent at `now` (EXPIRED needs no write). */
export function consentView(c: ConsentRecord, now: Date): ConsentView {
  return {
    id: c.id,
    status: consentStatusAt(c, now),
    areas: c.areas,
    givenAt: c.givenAt,
    validUntil: c.validUntil,
    withdrawnAt: c.withdrawnAt,
    channel: c.channel,
    givenBy: c.givenBy,
    withdrawnBy: c.withdrawnBy,
  };
}
