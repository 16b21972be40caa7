/**
 * The consent source: the seeded consent history of each citizen (the synthetic dataset's
 * consents, as a consent register would hold them). Writes go to the ConsentStore.
 */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { ConsentRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';
import { createHttpCitizenSource, type HttpCitizenSource, type HttpSourceSettings } from '../../../shared/src/httpSource.js';
import {
  areaArray,
  arrayOf,
  isoDate,
  isoInstant,
  nullableIsoInstant,
  object,
  oneOf,
  RecordShapeError,
  string,
} from '../../../shared/src/recordGuards.js';

/** Reads seeded consent histories per citizen (oldest first). */
export type ConsentSource = CitizenSource<readonly ConsentRecord[]>;

/** The consent source over the embedded synthetic dataset. */
export function createEmbeddedConsentSource(dataset: Dataset): ConsentSource {
  return createEmbeddedSource('consent-register', dataset, (c) => c?.consents ?? []);
}

/**
 * Checks one consent record of `cpr`'s history. A record of another citizen is rejected: a
 * register that mixes up citizens must not decide anyone's access.
 */
export function consentRecordFrom(json: unknown, cpr: string, at = ''): ConsentRecord {
  const o = object(json, at);
  const record: ConsentRecord = {
    id: string(o, 'id'),
    cpr: string(o, 'cpr'),
    status: oneOf(o, 'status', ['ACTIVE', 'WITHDRAWN']),
    areas: areaArray(o, 'areas'),
    givenAt: isoInstant(o, 'givenAt'),
    validUntil: isoDate(o, 'validUntil'),
    withdrawnAt: nullableIsoInstant(o, 'withdrawnAt'),
  };
  if (record.cpr !== cpr) throw new RecordShapeError(`${at ? `${at}.` : ''}cpr must be the CPR asked for`);
  return record;
}

/** The consent register over HTTP (SOURCE_MODE=http). */
export function createHttpConsentSource(settings: HttpSourceSettings): HttpCitizenSource<readonly ConsentRecord[]> {
  return createHttpCitizenSource<readonly ConsentRecord[]>({
    ...settings,
    name: 'consent-register',
    validate: (json, cpr) => arrayOf(json, (record, at) => consentRecordFrom(record, cpr, at)),
  });
}
