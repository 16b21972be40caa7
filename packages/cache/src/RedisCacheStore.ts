/**
 * The Redis cache store (ioredis). Commands fail fast while Redis is away (no offline queue,
 * a short command timeout) and the store answers as a miss; ioredis reconnects in the
 * background, and caching resumes by itself. Degradation and recovery are logged once each.
 */
import { createRequire } from 'node:module';
import type { Redis as RedisClient } from 'ioredis';
import type { Logger, Metrics } from '@hoi/platform';
import type { CacheStore } from './CacheStore.js';

/** Options of {@link createRedisCacheStore}. */
export interface RedisCacheStoreOptions {
  readonly url: string;
  /** Prefix of every key, so deployments can share one Redis. Versioned (`hoi:v1:`). */
  readonly keyPrefix: string;
  /** Longest a cache command may take before it counts as a miss. */
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly metrics?: Metrics;
}

/** Creates the store; it connects in the background. */
export function createRedisCacheStore(options: RedisCacheStoreOptions): CacheStore {
  // Loaded on first use: a process without REDIS_URL never pays for ioredis (start-up time).
  const { Redis } = createRequire(import.meta.url)('ioredis') as { Redis: typeof RedisClient };
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(options.timeoutMs, 1_000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
    lazyConnect: false,
  });
  let degraded = false;
  const degrade = (err: unknown) => {
    if (degraded) return;
    degraded = true;
    options.logger.warn(
      { err },
      'cache unavailable: answering from the sources until Redis is back',
    );
  };
  redis.on('error', degrade);
  redis.on('ready', () => {
    if (!degraded) return;
    degraded = false;
    options.logger.info('cache available again');
  });
  const countError = () => options.metrics?.cacheOps.inc({ cache: 'redis', result: 'error' });
  const timed = async <T>(op: string, fn: () => Promise<T>): Promise<T> => {
    const end = options.metrics?.cacheDuration.startTimer({ cache: 'redis', op });
    try {
      return await fn();
    } finally {
      end?.();
    }
  };

  return {
    kind: 'redis',
    async getMany(keys) {
      if (keys.length === 0) return [];
      try {
        return await timed('get', () => redis.mgetBuffer(...keys));
      } catch (err) {
        countError();
        degrade(err);
        return keys.map(() => null);
      }
    },
    async setMany(entries) {
      if (entries.length === 0) return;
      try {
        const pipeline = redis.pipeline();
        for (const e of entries)
          pipeline.set(e.key, e.value, 'PX', Math.max(1, Math.round(e.ttlMs)));
        await timed('set', () => pipeline.exec());
      } catch (err) {
        countError();
        degrade(err);
      }
    },
    async deleteMany(keys) {
      if (keys.length === 0) return true;
      try {
        await timed('delete', () => redis.del(...keys));
        return true;
      } catch (err) {
        countError();
        degrade(err);
        return false;
      }
    },
    async increment(key) {
      try {
        return await timed('incr', () => redis.incr(key));
      } catch (err) {
        countError();
        degrade(err);
        return null;
      }
    },
    healthy: () => redis.status === 'ready',
    async close() {
      redis.disconnect();
    },
  };
}
