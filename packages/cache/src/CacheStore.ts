/**
 * Cache storage behind one small interface (style.md): Redis when REDIS_URL is set, an
 * in-process LRU otherwise. A store never throws: an unreachable cache reads as misses and
 * drops writes, so the system keeps answering from its sources (DESIGN §6).
 */

/** One entry to write. */
export interface CacheEntry {
  readonly key: string;
  readonly value: Buffer;
  readonly ttlMs: number;
}

/** Raw byte storage with TTLs. Keys arrive already pseudonymous; values already sealed. */
export interface CacheStore {
  readonly kind: 'redis' | 'memory';
  /** One value or null per key, in order; null for misses and when the store is unavailable. */
  getMany(keys: readonly string[]): Promise<(Buffer | null)[]>;
  /** Writes entries; failures are counted and logged, not thrown. */
  setMany(entries: readonly CacheEntry[]): Promise<void>;
  /** Deletes keys; resolves false when the store could not be reached. */
  deleteMany(keys: readonly string[]): Promise<boolean>;
  /** Increments a counter (no TTL); null when the store could not be reached. */
  increment(key: string): Promise<number | null>;
  /** True while the store answers. */
  healthy(): boolean;
  close(): Promise<void>;
}
