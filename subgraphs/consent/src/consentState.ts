/**
 * Stored consent state, read through the shared cache (Redis) and invalidated on every write,
 * across all instances (DESIGN §6); without a shared cache, read from the store every time. Each citizen has a version counter in the cache store; a cached
 * history carries the version it was read under and is served only while the counter still
 * holds that version. A write bumps the counter after its commit, so a reader can never
 * cache pre-write state under the post-write version.
 *
 * If the bump cannot reach the cache, this instance reads past the cache until it can
 * (the bump is retried first on every read). An instance that can reach a Redis this one
 * cannot may serve the old state until the bump lands or the TTL passes: keep the TTL short.
 */
import type { ConsentRecord } from '@hoi/domain';
import type { SealedCache } from '@hoi/cache';
import type { ConsentStore } from './store/ConsentStore.js';

const NAMESPACE = 'consent';

/** The stored consent state of citizens, cached. */
export interface ConsentState {
  /** Like ConsentStore.historyMany (a citizen never written to is absent). */
  historyMany(cprs: readonly string[]): Promise<Map<string, ConsentRecord[]>>;
  /** Makes every instance re-read this citizen's state; call after each committed write. */
  invalidate(cpr: string): Promise<void>;
}

/** Creates the consent state over a store, cached when a cache is given. */
export function createConsentState(
  store: ConsentStore,
  cache: SealedCache | null,
  ttlMs: number,
): ConsentState {
  // Only a shared cache can be told of a write on another instance: with an in-process one, a
  // second instance on the same database would serve a withdrawn consent until the TTL passed
  // (DESIGN §4: withdrawal holds across instances in every configuration). So without Redis
  // every decision reads the store.
  if (!cache || cache.store.kind !== 'redis') {
    return { historyMany: (cprs) => store.historyMany(cprs), invalidate: async () => {} };
  }
  const versionKey = (cpr: string) => cache.keyFor(`${NAMESPACE}-version`, cpr);
  const historyKey = (cpr: string) => cache.keyFor(NAMESPACE, cpr);
  const pending = new Set<string>();

  const bump = async (cpr: string): Promise<boolean> => {
    const ok = (await cache.store.increment(versionKey(cpr))) !== null;
    if (ok) pending.delete(cpr);
    else pending.add(cpr);
    return ok;
  };

  return {
    async historyMany(cprs) {
      for (const cpr of [...pending]) await bump(cpr);
      if (pending.size > 0) return store.historyMany(cprs);
      const { counters, values } = await cache.getJsonWithCounters<{
        version: number;
        stored: ConsentRecord[] | null;
      }>(NAMESPACE, cprs.map(versionKey), cprs.map(historyKey));
      const result = new Map<string, ConsentRecord[]>();
      const misses: number[] = [];
      cprs.forEach((cpr, i) => {
        const hit = values[i];
        if (hit && hit.version === counters[i]) {
          if (hit.stored) result.set(cpr, hit.stored);
        } else misses.push(i);
      });
      if (misses.length > 0) {
        const fresh = await store.historyMany(misses.map((i) => cprs[i] as string));
        const entries = misses.map((i) => {
          const cpr = cprs[i] as string;
          const stored = fresh.get(cpr) ?? null;
          if (stored) result.set(cpr, stored);
          return { key: historyKey(cpr), value: { version: counters[i], stored }, ttlMs };
        });
        await cache.setJson(NAMESPACE, entries);
      }
      return result;
    },
    async invalidate(cpr) {
      await bump(cpr);
    },
  };
}
