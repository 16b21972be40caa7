/**
 * A per-request DataLoader over a CitizenSource: every citizen asked for in one tick (e.g.
 * all representations of one `_entities` call) becomes one source call.
 */
import DataLoader from 'dataloader';
import type { CitizenSource } from '@hoi/sources';

/** Creates a loader keyed by canonical CPR; create one per request, never share. */
export function createCitizenLoader<T>(source: CitizenSource<T>): DataLoader<string, T> {
  return new DataLoader<string, T>(async (cprs) => {
    try {
      return await source.fetchMany(cprs);
    } catch (err) {
      // One Error per key: every citizen of the batch fails the same way.
      const e = err instanceof Error ? err : new Error(String(err));
      return cprs.map(() => e);
    }
  });
}
