/**
 * The simulator's configuration, validated at start (one message per bad value). It reads the
 * same `DATASET_*` variables as the subgraphs, so it serves the very same data.
 */
import { type DatasetOptions, readDatasetOptions } from '@hoi/dataset';
import { readEnv } from '@hoi/platform';
import { HEALTHY, readFaultsFromEnv, type Faults } from './faults.js';
import { SOURCE_NAMES, type SourceName } from '@hoi/sources';

/** The simulator's settings. */
export interface SimulatorConfig {
  /** `SIMULATOR_PORT`. @default 4010 */
  readonly port: number;
  /** `SIMULATOR_HOST`. @default '127.0.0.1' */
  readonly host: string;
  /** `DATASET_SEED`, `DATASET_CITIZENS`, `DATASET_REFERENCE_DATE`. */
  readonly dataset: DatasetOptions;
  /**
   * Start-up faults: `SIMULATOR_LATENCY_MS`, `SIMULATOR_JITTER_MS`, `SIMULATOR_ERROR_RATE`, …
   * for every source, each overridable per source as `SIMULATOR_<SOURCE>_…` (e.g.
   * `SIMULATOR_CASE_INDEX_LATENCY_MS`). @default healthy
   */
  readonly faults: Readonly<Record<SourceName, Faults>>;
  /** `LOG_LEVEL`. @default 'info' */
  readonly logLevel: string;
}

/** The per-source environment prefix: `case-index` → `SIMULATOR_CASE_INDEX_`. */
export const sourceEnvPrefix = (source: SourceName): string =>
  `SIMULATOR_${source.toUpperCase().replace(/-/g, '_')}_`;

/** Validates the environment; throws ConfigError listing every problem. */
export function loadSimulatorConfig(env: NodeJS.ProcessEnv): SimulatorConfig {
  const r = readEnv(env);
  const common = readFaultsFromEnv(r, 'SIMULATOR_', HEALTHY);
  const faults = Object.fromEntries(
    SOURCE_NAMES.map((s) => [s, readFaultsFromEnv(r, sourceEnvPrefix(s), common)]),
  ) as Record<SourceName, Faults>;
  const config: SimulatorConfig = {
    port: r.int('SIMULATOR_PORT', 4010, 0, 65_535),
    host: r.string('SIMULATOR_HOST', '127.0.0.1'),
    dataset: readDatasetOptions(r),
    faults,
    logLevel: r.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
  };
  r.done();
  return Object.freeze(config);
}
