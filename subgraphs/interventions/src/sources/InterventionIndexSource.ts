/** The intervention-index as a source: a citizen's interventions. */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { InterventionRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';
import { createHttpCitizenSource, type HttpCitizenSource, type HttpSourceSettings } from '../../../shared/src/httpSource.js';
import { area, arrayOf, isoDate, nullableIsoDate, nullableString, object, string } from '../../../shared/src/recordGuards.js';

/** Reads interventions per citizen. */
export type InterventionIndexSource = CitizenSource<readonly InterventionRecord[]>;

/** The intervention-index over the embedded synthetic dataset. */
export function createEmbeddedInterventionIndexSource(dataset: Dataset): InterventionIndexSource {
  return createEmbeddedSource('intervention-index', dataset, (c) => c?.interventions ?? []);
}

/** Checks one intervention record from the intervention index. */
export function interventionRecordFrom(json: unknown, at = ''): InterventionRecord {
  const o = object(json, at);
  return {
    id: string(o, 'id'),
    title: string(o, 'title'),
    area: area(o, 'area'),
    kle: string(o, 'kle'),
    legalBasis: nullableString(o, 'legalBasis'),
    status: string(o, 'status'),
    start: isoDate(o, 'start'),
    end: nullableIsoDate(o, 'end'),
  };
}

/** The intervention index over HTTP (SOURCE_MODE=http). */
export function createHttpInterventionIndexSource(settings: HttpSourceSettings): HttpCitizenSource<readonly InterventionRecord[]> {
  return createHttpCitizenSource<readonly InterventionRecord[]>({ ...settings, name: 'intervention-index', validate: (json) => arrayOf(json, interventionRecordFrom) });
}
