/**
 * How a subgraph builds its source: the implementation chosen by configuration, wrapped in
 * the layers every source gets: metrics around the real calls, the cache around those.
 * One place, so every subgraph stacks them alike.
 */
import { cacheSource } from './cachedSource.js';
import type { SealedCache } from '@hoi/cache';
import { withLifecycleOf, type CitizenSource } from './citizenSource.js';
import type { HttpSourceSettings } from './httpSource.js';
import { instrumentSource } from './instrumentedSource.js';
import type { Logger, Metrics } from '@hoi/platform';
import { httpSourceSettings, type SourceConfig } from './sourceConfig.js';

/** The implementations a subgraph offers for its source. */
export interface SourceVariants<T> {
  /** In-process, over the synthetic dataset. */
  readonly embedded: () => CitizenSource<T>;
  /** Over HTTP (SOURCE_MODE=http): the upstream index, or the source simulator. */
  readonly http?: (settings: HttpSourceSettings) => CitizenSource<T>;
}

/** What the stack needs besides the variants. */
export interface SourceStackDeps {
  readonly metrics: Metrics;
  /** The cache, or null when caching is off. */
  readonly cache: SealedCache | null;
  /** TTL of this source's results in the cache. */
  readonly ttlMs: number;
  /** SOURCE_MODE and the HTTP client settings. @default embedded */
  readonly source?: SourceConfig;
  readonly logger?: Logger;
}

/** The implementation SOURCE_MODE asks for. */
function chooseVariant<T>(variants: SourceVariants<T>, deps: SourceStackDeps): CitizenSource<T> {
  if (deps.source?.mode !== 'http') return variants.embedded();
  if (!variants.http)
    throw new Error('SOURCE_MODE=http, but this source has no HTTP implementation');
  return variants.http(httpSourceSettings(deps.source, deps));
}

/** Builds the configured source with its layers. */
export function buildSource<T>(
  variants: SourceVariants<T>,
  deps: SourceStackDeps,
): CitizenSource<T> {
  const raw = chooseVariant(variants, deps);
  const source = instrumentSource(raw, deps.metrics);
  // The layers keep the raw source's readiness probe and close (HTTP pool, breaker timers).
  return withLifecycleOf(
    raw,
    deps.cache ? cacheSource(source, deps.cache, { ttlMs: deps.ttlMs }) : source,
  );
}
