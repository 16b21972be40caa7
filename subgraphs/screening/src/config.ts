/** The screening subgraph's own configuration (besides the shared subgraph settings). */
import type { EnvReader } from '@hoi/platform';
import { readStorageConfig, type StorageConfig } from '@hoi/storage';

/** Storage, audit and refresh settings of the screening subgraph (`SCREENING_DATA_DIR`, …). */
export interface ScreeningConfig extends StorageConfig {
  /**
   * `SCREENING_REFRESH_MINUTES`: minutes between bulk reads of the sources; 0 reads once at
   * start. Source data in screening lists is at most this old (plus one read's duration).
   * @default 60
   */
  readonly refreshMinutes: number;
}

/** Reads the screening subgraph's variables. */
export function readScreeningConfig(r: EnvReader): ScreeningConfig {
  return {
    ...readStorageConfig(r, 'screening'),
    refreshMinutes: r.int('SCREENING_REFRESH_MINUTES', 60, 0, 10_080),
  };
}
