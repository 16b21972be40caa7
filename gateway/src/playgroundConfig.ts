/**
 * The playground's settings (issue 15): which citizen its tabs are prefilled with. Read with the
 * rest of the gateway's configuration (config.ts); the dataset itself is generated only when
 * the playground is first opened (playgroundSample.ts).
 */
import { readDatasetOptions, readDemoPlanCitizens, type DatasetOptions } from '@hoi/dataset';
import { isValidCpr, parseCpr } from '@hoi/domain';
import type { EnvReader } from '@hoi/platform';

/** Where the playground's sample citizen comes from. */
export interface PlaygroundConfig {
  /**
   * `PLAYGROUND_SAMPLE_CPR`: the citizen the tabs are prefilled with (`DDMMYY-SSSS`), e.g. when
   * the sources are not the synthetic dataset. Unset: picked from the dataset (development).
   */
  readonly sampleCpr: string | undefined;
  /**
   * The synthetic dataset the sources serve, read from the same variables as the subgraphs and
   * the source simulator (`DATASET_SEED`, `DATASET_CITIZENS`, `DATASET_REFERENCE_DATE`), so in
   * either source mode it names a citizen who exists. Null in production: a synthetic CPR is
   * not a citizen there (and may be a real person's).
   */
  readonly dataset: DatasetOptions | null;
  /**
   * `PLAN_DEMO_CITIZENS`, as the plan subgraph reads it: whether the sample's demo plan exists.
   * @default DEMO_PLAN_CITIZENS in development, 0 in production
   */
  readonly demoPlanCitizens: number;
}

/** Reads the playground's settings (problems go to the reader, like every other variable). */
export function readPlaygroundConfig(r: EnvReader, production: boolean): PlaygroundConfig {
  const raw = r.optionalString('PLAYGROUND_SAMPLE_CPR');
  let sampleCpr: string | undefined;
  if (raw !== undefined) {
    if (isValidCpr(raw)) sampleCpr = parseCpr(raw).cpr;
    else r.problem(`PLAYGROUND_SAMPLE_CPR must be a CPR (DDMMYY-SSSS), got "${raw}"`);
  }
  return Object.freeze({
    sampleCpr,
    dataset: production ? null : readDatasetOptions(r),
    demoPlanCitizens: production ? 0 : readDemoPlanCitizens(r, production),
  });
}
