/** The intervention-index as a source: a citizen's interventions. */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { InterventionRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';

/** Reads interventions per citizen. */
export type InterventionIndexSource = CitizenSource<readonly InterventionRecord[]>;

/** The intervention-index over the embedded synthetic dataset. */
export function createEmbeddedInterventionIndexSource(dataset: Dataset): InterventionIndexSource {
  return createEmbeddedSource('intervention-index', dataset, (c) => c?.interventions ?? []);
}
