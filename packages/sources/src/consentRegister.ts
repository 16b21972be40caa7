/**
 * The consent source: the seeded consent history of each citizen (the synthetic dataset's
 * consents, as a consent register would hold them). Writes go to the ConsentStore.
 */
import type { ConsentRecord } from '@hoi/domain';
import type { CitizenSource, SourceDefinition } from './citizenSource.js';
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
} from './recordGuards.js';

/** Reads seeded consent histories per citizen (oldest first). */
export type ConsentSource = CitizenSource<readonly ConsentRecord[]>;

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
  if (record.cpr !== cpr)
    throw new RecordShapeError(`${at ? `${at}.` : ''}cpr must be the CPR asked for`);
  return record;
}

/** The consent register: its name, what it holds per citizen in the synthetic dataset, its wire contract. */
export const consentRegister: SourceDefinition<readonly ConsentRecord[]> = {
  name: 'consent-register',
  project: (c) => c?.consents ?? [],
  validate: (json, cpr) => arrayOf(json, (record, at) => consentRecordFrom(record, cpr, at)),
};
