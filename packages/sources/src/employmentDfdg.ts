/** The employment-dfdg as a source: a citizen's employment status. */
import type { EmploymentRecord } from '@hoi/domain';
import type { CitizenSource, SourceDefinition } from './citizenSource.js';
import { isoDate, nullableString, object, string, stringArray } from './recordGuards.js';

/** Reads employment status per citizen. */
export type EmploymentSource = CitizenSource<EmploymentRecord | null>;

/** Checks DFDG's answer for one citizen: an employment record, or null when there is none. */
export function employmentRecordFrom(json: unknown): EmploymentRecord | null {
  if (json === null) return null;
  const o = object(json);
  return {
    contactGroup: string(o, 'contactGroup'),
    visitation: nullableString(o, 'visitation'),
    jobGoals: stringArray(o, 'jobGoals'),
    registeredSince: isoDate(o, 'registeredSince'),
  };
}

/** DFDG / Min Plan (employment status): its name, what it holds per citizen in the synthetic dataset, its wire contract. */
export const employmentDfdg: SourceDefinition<EmploymentRecord | null> = {
  name: 'employment-dfdg',
  project: (c) => c?.employment ?? null,
  validate: employmentRecordFrom,
};
