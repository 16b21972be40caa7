/** A citizen's screening records: one source call per request tick, never cached (cpr-knap is always current). */
import { createCitizenLoader } from '@hoi/subgraph-kit';
import type { ScreeningRecordsSource } from '../sources/ScreeningRecordsSource.js';

/** Creates the per-request loader. */
export const createRecordsByCitizenLoader = (source: ScreeningRecordsSource) =>
  createCitizenLoader(source);
