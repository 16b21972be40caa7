/** The case index (Sags- og dokumentindeks) as a source: a citizen's cases. */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { CaseRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';
import { createHttpCitizenSource, type HttpCitizenSource, type HttpSourceSettings } from '../../../shared/src/httpSource.js';
import { area, arrayOf, isoDate, nullableIsoDate, object, string } from '../../../shared/src/recordGuards.js';

/** Reads cases per citizen. */
export type CaseIndexSource = CitizenSource<readonly CaseRecord[]>;

/** The case index over the embedded synthetic dataset. */
export function createEmbeddedCaseIndexSource(dataset: Dataset): CaseIndexSource {
  return createEmbeddedSource('case-index', dataset, (c) => c?.cases ?? []);
}

/** Checks one case record from the case index. */
export function caseRecordFrom(json: unknown, at = ''): CaseRecord {
  const o = object(json, at);
  return {
    id: string(o, 'id'),
    title: string(o, 'title'),
    area: area(o, 'area'),
    kle: string(o, 'kle'),
    status: string(o, 'status'),
    openedAt: isoDate(o, 'openedAt'),
    closedAt: nullableIsoDate(o, 'closedAt'),
    sourceSystem: string(o, 'sourceSystem'),
  };
}

/** The case index over HTTP (SOURCE_MODE=http). */
export function createHttpCaseIndexSource(settings: HttpSourceSettings): HttpCitizenSource<readonly CaseRecord[]> {
  return createHttpCitizenSource<readonly CaseRecord[]>({ ...settings, name: 'case-index', validate: (json) => arrayOf(json, caseRecordFrom) });
}
