/** Cases by citizen CPR: one source call per request tick. */
import { createCitizenLoader } from '../../../shared/src/citizenLoader.js';
import type { CaseIndexSource } from '../sources/CaseIndexSource.js';

/** Creates the per-request loader. */
export const createCasesByCitizenLoader = (source: CaseIndexSource) => createCitizenLoader(source);
