/** Interventions by citizen CPR: one source call per request tick. */
import { createCitizenLoader } from '../../../shared/src/citizenLoader.js';
import type { InterventionIndexSource } from '../sources/InterventionIndexSource.js';

/** Creates the per-request loader. */
export const createInterventionsByCitizenLoader = (source: InterventionIndexSource) => createCitizenLoader(source);
