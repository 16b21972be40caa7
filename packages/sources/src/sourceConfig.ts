/**
 * How a subgraph reaches its source (DESIGN §5): `SOURCE_MODE=embedded` (the synthetic
 * dataset in-process, the default) or `http` (an upstream REST endpoint, e.g. the source
 * simulator), with the HTTP client's timeouts, retries and circuit breaker.
 */
import type { EnvReader, Logger, Metrics } from '@hoi/platform';
import { DEFAULT_BREAKER, type BreakerOptions, type HttpSourceSettings } from './httpSource.js';

/** The source modes. */
export const SOURCE_MODES = ['embedded', 'http'] as const;

/** How a subgraph's source is reached. */
export interface SourceConfig {
  /** `SOURCE_MODE`; `http` in production. @default 'embedded' */
  readonly mode: (typeof SOURCE_MODES)[number];
  /** `<NAME>_SOURCE_URL`, else `SOURCE_URL`: the upstream's base URL; required for http. */
  readonly url: string | undefined;
  /** `<NAME>_SOURCE_TIMEOUT_MS`, else `SOURCE_TIMEOUT_MS`: a call's budget, retries included. @default 2000 */
  readonly timeoutMs: number;
  /** `<NAME>_SOURCE_RETRIES`, else `SOURCE_RETRIES`. @default 2 */
  readonly retries: number;
  /** `SOURCE_CONNECTIONS`: keep-alive connections per source. @default 16 */
  readonly connections: number;
  /**
   * `SOURCE_BREAKER_RESET_MS` (5000), `SOURCE_BREAKER_ERROR_PERCENT` (50),
   * `SOURCE_BREAKER_VOLUME` (5), `SOURCE_BREAKER_WINDOW_MS` (10000).
   */
  readonly breaker: BreakerOptions;
}

/**
 * Reads the source settings of the subgraph with env prefix `prefix` (e.g. `CASES`). Every
 * value is validated whatever the mode, so a typo never waits for the day it matters;
 * `production` refuses the embedded (synthetic) sources.
 */
export function readSourceConfig(r: EnvReader, prefix: string, production = false): SourceConfig {
  const mode = r.oneOf('SOURCE_MODE', SOURCE_MODES, 'embedded');
  if (production && mode === 'embedded') {
    r.problem(
      `SOURCE_MODE must be http in production, got "embedded"${r.optionalString('SOURCE_MODE') === undefined ? ' (the default)' : ''}: the embedded sources serve synthetic citizens`,
    );
  }
  const own = `${prefix}_SOURCE_URL`;
  const urlVar = r.optionalString(own) !== undefined ? own : 'SOURCE_URL';
  const url = r.url(urlVar);
  if (url !== undefined && !/^https?:$/.test(new URL(url).protocol)) {
    r.problem(`${urlVar} must be an http:// or https:// URL, got "${url}"`);
  }
  if (mode === 'http' && r.optionalString(urlVar) === undefined) {
    r.problem(
      `SOURCE_URL (or ${own}) must be set when SOURCE_MODE=http (\`npm start\` sets it to the simulator)`,
    );
  }
  const int = (name: string, fallback: number, min: number, max: number) =>
    r.optionalString(`${prefix}_${name}`) !== undefined
      ? r.int(`${prefix}_${name}`, fallback, min, max)
      : r.int(name, fallback, min, max);
  return {
    mode,
    url,
    timeoutMs: int('SOURCE_TIMEOUT_MS', 2_000, 1, 600_000),
    retries: int('SOURCE_RETRIES', 2, 0, 10),
    connections: r.int('SOURCE_CONNECTIONS', 16, 1, 1_024),
    breaker: {
      resetTimeoutMs: r.int(
        'SOURCE_BREAKER_RESET_MS',
        DEFAULT_BREAKER.resetTimeoutMs,
        1,
        3_600_000,
      ),
      errorThresholdPercentage: r.int(
        'SOURCE_BREAKER_ERROR_PERCENT',
        DEFAULT_BREAKER.errorThresholdPercentage,
        1,
        100,
      ),
      volumeThreshold: r.int('SOURCE_BREAKER_VOLUME', DEFAULT_BREAKER.volumeThreshold, 0, 10_000),
      windowMs: r.int('SOURCE_BREAKER_WINDOW_MS', DEFAULT_BREAKER.windowMs, 100, 3_600_000),
    },
  };
}

/** The HTTP client settings of a source configured for http. */
export function httpSourceSettings(
  config: SourceConfig,
  deps: { metrics?: Metrics; logger?: Logger },
): HttpSourceSettings {
  if (!config.url) throw new Error('SOURCE_URL is not set (SOURCE_MODE=http)');
  return {
    baseUrl: config.url,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    connections: config.connections,
    breaker: config.breaker,
    metrics: deps.metrics,
    logger: deps.logger,
  };
}
