/** A source decorator that records calls, outcomes and latency in the metrics. */
import type { CitizenSource } from './citizenSource.js';
import type { Metrics } from '@hoi/platform';

/** Classifies a failure for the `outcome` label. */
function outcomeOf(err: unknown): string {
  const extensions = (err as { extensions?: { code?: unknown; reason?: unknown } }).extensions;
  if (extensions?.code === 'SOURCE_TIMEOUT' || extensions?.reason === 'TIMEOUT') return 'timeout';
  // Failed fast by the circuit breaker: the source was not called.
  if (extensions?.reason === 'CIRCUIT_OPEN') return 'rejected';
  return 'error';
}

/** Wraps a source so every call is counted and timed. */
export function instrumentSource<T>(source: CitizenSource<T>, metrics: Metrics): CitizenSource<T> {
  return {
    name: source.name,
    async fetchMany(cprs) {
      const end = metrics.sourceDuration.startTimer({ source: source.name });
      try {
        const result = await source.fetchMany(cprs);
        metrics.sourceCalls.inc({ source: source.name, outcome: 'ok' });
        return result;
      } catch (err) {
        metrics.sourceCalls.inc({ source: source.name, outcome: outcomeOf(err) });
        throw err;
      } finally {
        end();
      }
    },
  };
}
