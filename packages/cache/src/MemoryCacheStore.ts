/** The in-process cache store (lru-cache): the default when no REDIS_URL is set. */
import { LRUCache } from 'lru-cache';
import { setActiveSpanAttributes, withSpan } from '@hoi/telemetry';
import type { CacheStore } from './CacheStore.js';

/** A span per operation (within a trace only): the operation and counts, never a key or value. */
const traced = <T>(
  name: 'cache.get' | 'cache.set' | 'cache.delete' | 'cache.increment',
  count: number,
  run: () => T,
): Promise<T> =>
  withSpan(name, { 'hoi.cache.store': 'memory', 'hoi.count': count }, async () => run(), {
    childOnly: true,
  });

/** Creates an in-process store holding at most `maxEntries` values. */
export function createMemoryCacheStore(maxEntries = 50_000): CacheStore {
  const values = new LRUCache<string, Buffer>({ max: maxEntries });
  // Counters live apart from the LRU: evicting a version counter could revive stale entries.
  const counters = new Map<string, number>();
  return {
    kind: 'memory',
    getMany: (keys) =>
      traced('cache.get', keys.length, () => {
        const found = keys.map((k) => {
          const counter = counters.get(k);
          return counter === undefined ? (values.get(k) ?? null) : Buffer.from(String(counter));
        });
        setActiveSpanAttributes({ 'hoi.hits': found.filter((v) => v !== null).length });
        return found;
      }),
    setMany: (entries) =>
      traced('cache.set', entries.length, () => {
        for (const e of entries) values.set(e.key, e.value, { ttl: e.ttlMs });
      }),
    deleteMany: (keys) =>
      traced('cache.delete', keys.length, () => {
        for (const k of keys) values.delete(k);
        return true;
      }),
    increment: (key) =>
      traced('cache.increment', 1, () => {
        const next = (counters.get(key) ?? 0) + 1;
        counters.set(key, next);
        return next;
      }),
    healthy: () => true,
    close: async () => values.clear(),
  };
}
