/** The benefit-index as a source: a citizen's benefits. */
import type { BenefitRecord } from '@hoi/domain';
import type { CitizenSource, SourceDefinition } from './citizenSource.js';
import { area, arrayOf, isoDate, nullableIsoDate, object, string } from './recordGuards.js';

/** Reads benefits per citizen. */
export type BenefitIndexSource = CitizenSource<readonly BenefitRecord[]>;

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

/** The benefit index (Ydelsesindeks): its name, what it holds per citizen in the synthetic dataset, its wire contract. */
export const benefitIndex: SourceDefinition<readonly BenefitRecord[]> = {
  name: 'benefit-index',
  project: (c) => c?.benefits ?? [],
  validate: (json) => arrayOf(json, benefitRecordFrom),
};
