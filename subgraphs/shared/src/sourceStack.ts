/**
 * How a subgraph builds its source: the implementation chosen by configuration, wrapped in
 * the layers every source gets: metrics around the real calls, the cache around those.
 * One place, so every subgraph stacks them alike.
 */
import { cacheSource } from './cache/cachedSource.js';
import type { SealedCache } from './cache/sealedCache.js';
import type { CitizenSource } from './citizenSource.js';
import { instrumentSource } from './instrumentedSource.js';
import type { Metrics } from './metrics.js';

/** The implementations a subgraph offers for its source. */
export interface SourceVariants<T> {
  /** In-process, over the synthetic dataset. */
  readonly embedded: () => CitizenSource<T>;
}

/** What the stack needs besides the variants. */
export interface SourceStackDeps {
  readonly metrics: Metrics;
  /** The cache, or null when caching is off. */
  readonly cache: SealedCache | null;
  /** TTL of this source's results in the cache. */
  readonly ttlMs: number;
}

/** Builds the configured source with its layers. */
export function buildSource<T>(variants: SourceVariants<T>, deps: SourceStackDeps): CitizenSource<T> {
  const source = instrumentSource(variants.embedded(), deps.metrics);
  return deps.cache ? cacheSource(source, deps.cache, { ttlMs: deps.ttlMs }) : source;
}
