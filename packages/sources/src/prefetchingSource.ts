/**
 * Reading ahead (DESIGN §9: a step in series before the fan-out must be cheap or run
 * alongside). While the consent subgraph decides what an overview may show, the gateway tells
 * the index subgraphs which citizens it is about, and each starts their source read at once
 * instead of after the decision. The records wait here until the request's own read takes
 * them (once) or `holdMs` passes. Nothing leaves the subgraph before a grant for it arrives:
 * the resolvers filter what they take as they filter a fresh read.
 */
import { lifecycleOf, type CitizenSource } from './citizenSource.js';

/** A source that can be told to read citizens ahead of a request. */
export interface PrefetchingSource<T> extends CitizenSource<T> {
  /**
   * Starts reading `cprs` (canonical) unless their records are already held. Resolves (never
   * rejects) once the read has ended, with how many citizens it read.
   */
  prefetch(cprs: readonly string[]): Promise<number>;
}

/** Options of {@link prefetchingSource}. */
export interface PrefetchOptions {
  /** How long records read ahead wait for their request. @default 2000 */
  readonly holdMs?: number;
  /** Most citizens held at once; more reads ahead are dropped. @default 1000 */
  readonly max?: number;
}

/** Wraps a source (with its layers: the cache too) so that it can read ahead. */
export function prefetchingSource<T>(
  source: CitizenSource<T>,
  options: PrefetchOptions = {},
): PrefetchingSource<T> {
  const holdMs = options.holdMs ?? 2_000;
  const max = options.max ?? 1_000;
  /** Reads ahead by CPR, oldest first (one hold time for all: insertion order is expiry order). */
  const held = new Map<string, { readonly value: Promise<T>; readonly until: number }>();
  const sweep = (now: number) => {
    for (const [cpr, entry] of held) {
      if (entry.until > now) break;
      held.delete(cpr);
    }
  };
  const take = (cpr: string): Promise<T> | undefined => {
    const entry = held.get(cpr);
    if (entry) held.delete(cpr);
    return entry?.value;
  };

  return {
    name: source.name,
    ...lifecycleOf(source),
    prefetch(cprs) {
      const now = Date.now();
      sweep(now);
      const fresh = [...new Set(cprs)]
        .filter((cpr) => !held.has(cpr))
        .slice(0, Math.max(0, max - held.size));
      if (fresh.length === 0) return Promise.resolve(0);
      const batch = source.fetchMany(fresh);
      fresh.forEach((cpr, i) => {
        const value = batch.then((records) => records[i] as T);
        // A failed read ahead is nobody's error: the request's own read tries again.
        value.catch(() => {
          if (held.get(cpr)?.value === value) held.delete(cpr);
        });
        held.set(cpr, { value, until: now + holdMs });
      });
      return batch.then(
        () => fresh.length,
        () => 0,
      );
    },
    async fetchMany(cprs) {
      sweep(Date.now());
      const ahead = cprs.map(take);
      const rest = cprs.filter((_, i) => ahead[i] === undefined);
      const fresh = rest.length > 0 ? source.fetchMany(rest) : Promise.resolve([]);
      // Awaited below, after the reads ahead: a failure meanwhile must not count as unhandled.
      fresh.catch(() => {});
      const settled = await Promise.all(
        ahead.map((p) =>
          p?.then(
            (value) => ({ value }),
            () => null,
          ),
        ),
      );
      // Read ahead but failed: read again, with the others in one call.
      const retry = cprs.filter((_, i) => ahead[i] !== undefined && settled[i] === null);
      const [freshRecords, retried] = await Promise.all([
        fresh,
        retry.length > 0 ? source.fetchMany(retry) : Promise.resolve([]),
      ]);
      const byCpr = new Map<string, T>();
      rest.forEach((cpr, i) => byCpr.set(cpr, freshRecords[i] as T));
      retry.forEach((cpr, i) => byCpr.set(cpr, retried[i] as T));
      return cprs.map((cpr, i) => {
        const done = settled[i];
        return done ? done.value : (byCpr.get(cpr) as T);
      });
    },
  };
}
