/**
 * The consent source: the seeded consent history of each citizen (the synthetic dataset's
 * consents, as a consent register would hold them). Writes go to the ConsentStore.
 */
import type { Actor, ConsentRecord } from '@hoi/domain';
import type { CitizenSource, SourceDefinition } from './citizenSource.js';
import {
  areaArray,
  arrayOf,
  isoDate,
  isoInstant,
  nullableIsoInstant,
  nullableString,
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
    channel: oneOf(o, 'channel', ['SELF_SERVICE', 'RECORDED_BY_CASEWORKER']),
    givenBy: actor(o.value.givenBy, field(at, 'givenBy')),
    withdrawnBy:
      o.value.withdrawnBy === null ? null : actor(o.value.withdrawnBy, field(at, 'withdrawnBy')),
  };
  if (record.cpr !== cpr)
    throw new RecordShapeError(`${at ? `${at}.` : ''}cpr must be the CPR asked for`);
  return record;
}

/** The path of a nested field, for error messages. */
const field = (at: string, key: string): string => (at ? `${at}.${key}` : key);

/** An actor (role and unit) of a consent record. */
function actor(json: unknown, at: string): Actor {
  const o = object(json, at);
  return { role: string(o, 'role'), unit: nullableString(o, 'unit') };
}

/** The consent register: its name, what it holds per citizen in the synthetic dataset, its wire contract. */
export const consentRegister: SourceDefinition<readonly ConsentRecord[]> = {
  name: 'consent-register',
  project: (c) => c?.consents ?? [],
  validate: (json, cpr) => arrayOf(json, (record, at) => consentRecordFrom(record, cpr, at)),
};
