/** The employment-dfdg as a source: a citizen's employment status. */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { EmploymentRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';
import { createHttpCitizenSource, type HttpCitizenSource, type HttpSourceSettings } from '../../../shared/src/httpSource.js';
import { isoDate, nullableString, object, string, stringArray } from '../../../shared/src/recordGuards.js';

/** Reads employment status per citizen. */
export type EmploymentSource = CitizenSource<EmploymentRecord | null>;

/** The employment-dfdg over the embedded synthetic dataset. */
export function createEmbeddedEmploymentSource(dataset: Dataset): EmploymentSource {
  return createEmbeddedSource('employment-dfdg', dataset, (c) => c?.employment ?? null);
}

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

/** DFDG over HTTP (SOURCE_MODE=http). */
export function createHttpEmploymentSource(settings: HttpSourceSettings): HttpCitizenSource<EmploymentRecord | null> {
  return createHttpCitizenSource<EmploymentRecord | null>({ ...settings, name: 'employment-dfdg', validate: employmentRecordFrom });
}
