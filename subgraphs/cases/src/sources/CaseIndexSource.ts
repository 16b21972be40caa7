/** The case index (Sags- og dokumentindeks) as a source: a citizen's cases. */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { CaseRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';

/** Reads cases per citizen. */
export type CaseIndexSource = CitizenSource<readonly CaseRecord[]>;

/** The case index over the embedded synthetic dataset. */
export function createEmbeddedCaseIndexSource(dataset: Dataset): CaseIndexSource {
  return createEmbeddedSource('case-index', dataset, (c) => c?.cases ?? []);
}
