/**
 * How a subgraph builds its source: the implementation chosen by configuration, wrapped in
 * the layers every source gets (metrics). One place, so every subgraph stacks them alike.
 */
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
}

/** Builds the configured source with its layers. */
export function buildSource<T>(variants: SourceVariants<T>, deps: SourceStackDeps): CitizenSource<T> {
  return instrumentSource(variants.embedded(), deps.metrics);
}
