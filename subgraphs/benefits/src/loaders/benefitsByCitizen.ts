/** Benefits by citizen CPR: one source call per request tick. */
import { createCitizenLoader } from '../../../shared/src/citizenLoader.js';
import type { BenefitIndexSource } from '../sources/BenefitIndexSource.js';

/** Creates the per-request loader. */
export const createBenefitsByCitizenLoader = (source: BenefitIndexSource) => createCitizenLoader(source);
