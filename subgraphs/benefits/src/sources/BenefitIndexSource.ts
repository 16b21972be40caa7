/** The benefit-index as a source: a citizen's benefits. */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { BenefitRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';

/** Reads benefits per citizen. */
export type BenefitIndexSource = CitizenSource<readonly BenefitRecord[]>;

/** The benefit-index over the embedded synthetic dataset. */
export function createEmbeddedBenefitIndexSource(dataset: Dataset): BenefitIndexSource {
  return createEmbeddedSource('benefit-index', dataset, (c) => c?.benefits ?? []);
}
