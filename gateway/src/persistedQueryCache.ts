/**
 * Automatic persisted queries (APQ) stored in the shared cache. Query texts may hold CPRs as
 * literals, so they are sealed like every other cached value.
 */
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { SealedCache } from '@hoi/cache';

const NAMESPACE = 'apq';

/** Adapts the sealed cache to Apollo Server's KeyValueCache. */
export function createPersistedQueryCache(cache: SealedCache): KeyValueCache<string> {
  return {
    async get(key) {
      const [value] = await cache.getJson<string>(NAMESPACE, [cache.keyFor(NAMESPACE, key)]);
      return value;
    },
    async set(key, value, options) {
      const ttlMs = (options?.ttl ?? 86_400) * 1000;
      await cache.setJson(NAMESPACE, [{ key: cache.keyFor(NAMESPACE, key), value, ttlMs }]);
    },
    async delete(key) {
      await cache.store.deleteMany([cache.keyFor(NAMESPACE, key)]);
    },
  };
}
