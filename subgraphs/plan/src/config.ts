/** The plan subgraph's own configuration (besides the shared subgraph settings). */
import { DEFAULT_SUBGRAPH_PORTS, type EnvReader } from '@hoi/platform';
import { readDemoPlanCitizens } from '@hoi/dataset';
import { readStorageConfig, type StorageConfig } from '@hoi/storage';

/** Storage, consent gate and demo settings of the plan subgraph (`PLAN_DATA_DIR`, …). */
export interface PlanConfig extends StorageConfig {
  /** `CONSENT_URL`: the consent subgraph, asked before every plan write. @default its standard local URL */
  readonly consentUrl: string;
  /** `PLAN_CONSENT_TIMEOUT_MS`: how long a write waits for the consent subgraph. @default 5000 */
  readonly consentTimeoutMs: number;
  /**
   * `PLAN_DEMO_CITIZENS`: demo plans are seeded (once per store) for the HOI citizens among the
   * first this many citizens of the synthetic dataset; 0: none.
   * @default DEMO_PLAN_CITIZENS (20000), 0 in production
   */
  readonly demoCitizens: number;
}

/** Reads the plan subgraph's variables. */
export function readPlanConfig(r: EnvReader): PlanConfig {
  const production = r.string('NODE_ENV', 'development') === 'production';
  return {
    ...readStorageConfig(r, 'plan'),
    consentUrl:
      r.url('CONSENT_URL') ?? `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS.consent}/graphql`,
    consentTimeoutMs: r.int('PLAN_CONSENT_TIMEOUT_MS', 5000, 100, 60_000),
    demoCitizens: readDemoPlanCitizens(r, production),
  };
}
