/** The benefit-index as a source: a citizen's benefits. */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { BenefitRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';
import { createHttpCitizenSource, type HttpCitizenSource, type HttpSourceSettings } from '../../../shared/src/httpSource.js';
import { area, arrayOf, isoDate, nullableIsoDate, object, string } from '../../../shared/src/recordGuards.js';

/** Reads benefits per citizen. */
export type BenefitIndexSource = CitizenSource<readonly BenefitRecord[]>;

/** The benefit-index over the embedded synthetic dataset. */
export function createEmbeddedBenefitIndexSource(dataset: Dataset): BenefitIndexSource {
  return createEmbeddedSource('benefit-index', dataset, (c) => c?.benefits ?? []);
}

/** Checks one benefit record from the benefit index. */
export function benefitRecordFrom(json: unknown, at = ''): BenefitRecord {
  const o = object(json, at);
  return {
    id: string(o, 'id'),
    name: string(o, 'name'),
    area: area(o, 'area'),
    kle: string(o, 'kle'),
    status: string(o, 'status'),
    start: isoDate(o, 'start'),
    end: nullableIsoDate(o, 'end'),
  };
}

/** The benefit index over HTTP (SOURCE_MODE=http). */
export function createHttpBenefitIndexSource(settings: HttpSourceSettings): HttpCitizenSource<readonly BenefitRecord[]> {
  return createHttpCitizenSource<readonly BenefitRecord[]>({ ...settings, name: 'benefit-index', validate: (json) => arrayOf(json, benefitRecordFrom) });
}
