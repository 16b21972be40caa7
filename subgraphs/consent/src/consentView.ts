/** A stored consent as the API shows it: status evaluated at the request's instant. */
import { type ConsentRecord, type ConsentStatus, consentStatusAt } from '@hoi/domain';

/** The GraphQL shape of a Consent: the stored record without its CPR, its status as of now. */
export type ConsentView = Omit<ConsentRecord, 'cpr' | 'status'> & {
  readonly status: ConsentStatus;
};

/** Evaluates a stored consent at `now` (EXPIRED needs no write). */
export function consentView(c: ConsentRecord, now: Date): ConsentView {
  const { cpr: _cpr, ...stored } = c;
  return { ...stored, status: consentStatusAt(c, now) };
}
