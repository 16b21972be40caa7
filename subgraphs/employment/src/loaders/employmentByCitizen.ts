/** Employment status by citizen CPR: one source call per request tick. */
import { createCitizenLoader } from '../../../shared/src/citizenLoader.js';
import type { EmploymentSource } from '../sources/EmploymentSource.js';

/** Creates the per-request loader. */
export const createEmploymentByCitizenLoader = (source: EmploymentSource) => createCitizenLoader(source);
