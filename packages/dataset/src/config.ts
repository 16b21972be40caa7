/** The dataset's configuration (`DATASET_*`), shared by the subgraphs, the simulator and scripts. */
import type { EnvReader } from '@hoi/platform';
import { todayIso, type DatasetOptions } from './dataset.js';
import { DEMO_PLAN_CITIZENS } from './generatePlan.js';
import { seedFrom } from './random.js';

/** Reads the dataset options (`DATASET_*`), shared by subgraphs and scripts. */
export function readDatasetOptions(r: EnvReader): DatasetOptions {
  const referenceDate = r.string('DATASET_REFERENCE_DATE', todayIso());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || Number.isNaN(Date.parse(referenceDate))) {
    r.problem(`DATASET_REFERENCE_DATE must be an ISO date (YYYY-MM-DD), got "${referenceDate}"`);
  }
  const seed = r.string('DATASET_SEED', '1');
  return {
    seed: seedFrom(/^\d+$/.test(seed) ? Number(seed) : seed),
    citizens: r.int('DATASET_CITIZENS', 10_000, 1, 20_000_000),
    referenceDate,
  };
}

/**
 * `PLAN_DEMO_CITIZENS`: demo plans are seeded for the HOI citizens among the first this many
 * citizens (the plan subgraph's seeding and `dataset:sample -- --plans` alike); 0: none.
 * @default DEMO_PLAN_CITIZENS, 0 in production
 */
export function readDemoPlanCitizens(r: EnvReader, production: boolean): number {
  return r.int('PLAN_DEMO_CITIZENS', production ? 0 : DEMO_PLAN_CITIZENS, 0, 10_000_000);
}
