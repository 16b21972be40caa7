/**
 * A source behind the cache (DESIGN §6): raw source results per (source, citizen), whoever
 * asks; access rules are applied after it, by the resolvers, on every request.
 *
 * Single-flight: a citizen being loaded (cache read, then the source on a miss) is loaded
 * once; concurrent requests for it join that load instead of calling the source again.
 */
import type { CitizenSource } from './citizenSource.js';
import type { SealedCache } from '@hoi/cache';

/** Options of {@link cacheSource}. */
export interface CachedSourceOptions {
  /** How long a source result is served from the cache. */
  readonly ttlMs: number;
}

/** Wraps a source with the cache. */
export function cacheSource<T>(
  source: CitizenSource<T>,
  cache: SealedCache,
  options: CachedSourceOptions,
): CitizenSource<T> {
  const namespace = `src:${source.name}`;
  const inFlight = new Map<string, Promise<T>>();

  const load = async (cprs: readonly string[]): Promise<Map<string, T>> => {
    const keys = cprs.map((cpr) => cache.keyFor(namespace, cpr));
    // Values are wrapped so that a cached null (no employment record) is a hit, not a miss.
    const cached = await cache.getJson<{ v: T }>(namespace, keys);
    const out = new Map<string, T>();
    const misses: number[] = [];
    cached.forEach((hit, i) => (hit ? out.set(cprs[i] as string, hit.v) : misses.push(i)));
    if (misses.length > 0) {
      const fetched = await source.fetchMany(misses.map((i) => cprs[i] as string));
      misses.forEach((i, j) => out.set(cprs[i] as string, fetched[j] as T));
      await cache.setJson(
        namespace,
        misses.map((i, j) => ({
          key: keys[i] as string,
          value: { v: fetched[j] },
          ttlMs: options.ttlMs,
        })),
      );
    }
    return out;
  };

  return {
    name: source.name,
    fetchMany(cprs) {
      const mine = cprs.filter((cpr) => !inFlight.has(cpr));
      if (mine.length > 0) {
        const batch = load(mine);
        for (const cpr of mine) {
          const one = batch.then((m) => m.get(cpr) as T);
          inFlight.set(cpr, one);
          const forget = () => {
            if (inFlight.get(cpr) === one) inFlight.delete(cpr);
          };
          one.then(forget, forget);
        }
      }
      return Promise.all(cprs.map((cpr) => inFlight.get(cpr) as Promise<T>));
    },
  };
}
