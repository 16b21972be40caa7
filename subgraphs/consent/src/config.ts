/** The consent subgraph's own configuration (besides the shared subgraph settings). */
import { DEFAULT_SUBGRAPH_PORTS, type EnvReader } from '@hoi/platform';
import { readStorageConfig, type StorageConfig } from '@hoi/storage';

/** Storage, audit and cache settings of the consent subgraph (`CONSENT_DATA_DIR`, …). */
export interface ConsentConfig extends StorageConfig {
  /** `CONSENT_STATE_CACHE_TTL_MS`: TTL of cached consent state (kept short). @default 30000 */
  readonly consentCacheTtlMs: number;
  /**
   * `SCREENING_URL`: the screening subgraph, asked for its part of a citizen's access log.
   * @default its standard local URL
   */
  readonly screeningUrl: string;
}

/** Reads the consent subgraph's variables. */
export function readConsentConfig(r: EnvReader): ConsentConfig {
  return {
    ...readStorageConfig(r, 'consent'),
    consentCacheTtlMs: r.int('CONSENT_STATE_CACHE_TTL_MS', 30_000, 1, 3_600_000),
    screeningUrl:
      r.url('SCREENING_URL') ?? `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS.screening}/graphql`,
  };
}
