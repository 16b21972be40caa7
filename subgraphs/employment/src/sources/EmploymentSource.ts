/** The employment-dfdg as a source: a citizen's employment status. */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { EmploymentRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';

/** Reads employment status per citizen. */
export type EmploymentSource = CitizenSource<EmploymentRecord | null>;

/** The employment-dfdg over the embedded synthetic dataset. */
export function createEmbeddedEmploymentSource(dataset: Dataset): EmploymentSource {
  return createEmbeddedSource('employment-dfdg', dataset, (c) => c?.employment ?? null);
}
