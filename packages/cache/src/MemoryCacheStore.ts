/** The in-process cache store (lru-cache): the default when no REDIS_URL is set. */
import { LRUCache } from 'lru-cache';
import type { CacheStore } from './CacheStore.js';

/** Creates an in-process store holding at most `maxEntries` values. */
export function createMemoryCacheStore(maxEntries = 50_000): CacheStore {
  const values = new LRUCache<string, Buffer>({ max: maxEntries });
  // Counters live apart from the LRU: evicting a version counter could revive stale entries.
  const counters = new Map<string, number>();
  return {
    kind: 'memory',
    getMany: async (keys) =>
      keys.map((k) => {
        const counter = counters.get(k);
        return counter === undefined ? (values.get(k) ?? null) : Buffer.from(String(counter));
      }),
    setMany: async (entries) => {
      for (const e of entries) values.set(e.key, e.value, { ttl: e.ttlMs });
    },
    deleteMany: async (keys) => {
      for (const k of keys) values.delete(k);
      return true;
    },
    increment: async (key) => {
      const next = (counters.get(key) ?? 0) + 1;
      counters.set(key, next);
      return next;
    },
    healthy: () => true,
    close: async () => values.clear(),
  };
}
