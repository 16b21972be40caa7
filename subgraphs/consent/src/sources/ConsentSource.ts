/**
 * The consent source: the seeded consent history of each citizen (the synthetic dataset's
 * consents, as a consent register would hold them). Writes go to the ConsentStore.
 */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import type { ConsentRecord } from '../../../../dataset/src/records.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';

/** Reads seeded consent histories per citizen (oldest first). */
export type ConsentSource = CitizenSource<readonly ConsentRecord[]>;

/** The consent source over the embedded synthetic dataset. */
export function createEmbeddedConsentSource(dataset: Dataset): ConsentSource {
  return createEmbeddedSource('consent-register', dataset, (c) => c?.consents ?? []);
}
