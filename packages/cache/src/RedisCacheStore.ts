/**
 * The Redis cache store (ioredis), on one Redis or a Redis Cluster. Commands fail fast while
 * Redis is away (no offline queue, a short command timeout) and the store answers as a miss;
 * ioredis reconnects in the background, and caching resumes by itself. Degradation and
 * recovery are logged once each.
 *
 * A cluster refuses a multi-key command whose keys lie in different hash slots, so on a
 * cluster every multi-key operation is split by slot (one MGET or DEL per slot, in parallel)
 * and writes go as single-key commands; each key stands alone (a counter and the value it
 * guards are read in one call, and each is right or a miss on its own).
 */
import { createRequire } from 'node:module';
import type { Logger, Metrics } from '@hoi/platform';
import { setActiveSpanAttributes, withSpan } from '@hoi/telemetry';
import type { CacheStore } from './CacheStore.js';
import { createRedisClient, isCluster, type RedisConnectionOptions } from './redisClient.js';

/** A span per operation (within a trace only): the operation and counts, never a key or value. */
const traced = <T>(
  name: 'cache.get' | 'cache.set' | 'cache.delete' | 'cache.increment',
  count: number,
  run: () => Promise<T>,
): Promise<T> =>
  withSpan(name, { 'hoi.cache.store': 'redis', 'hoi.count': count }, run, {
    kind: 'client',
    childOnly: true,
  });

/** Options of {@link createRedisCacheStore}. */
export interface RedisCacheStoreOptions extends RedisConnectionOptions {
  readonly logger: Logger;
  readonly metrics?: Metrics;
}

/** Creates the store; it connects in the background. */
export function createRedisCacheStore(options: RedisCacheStoreOptions): CacheStore {
  const redis = createRedisClient(options);
  const clustered = isCluster(options);
  // The slot of a key as the cluster sees it: with the prefix ioredis adds.
  const slotOf = clustered
    ? (createRequire(import.meta.url)('cluster-key-slot') as (key: string) => number)
    : () => 0;
  /** Keys grouped by slot, each with its positions in `keys` (one group without a cluster). */
  const bySlot = (keys: readonly string[]): { keys: string[]; at: number[] }[] => {
    const groups = new Map<number, { keys: string[]; at: number[] }>();
    keys.forEach((key, i) => {
      const slot = slotOf(`${options.keyPrefix}${key}`);
      let group = groups.get(slot);
      if (!group) groups.set(slot, (group = { keys: [], at: [] }));
      group.keys.push(key);
      group.at.push(i);
    });
    return [...groups.values()];
  };
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
    getMany: (keys) =>
      traced('cache.get', keys.length, async () => {
        if (keys.length === 0) return [];
        try {
          const values: (Buffer | null)[] = keys.map(() => null);
          await timed('get', () =>
            Promise.all(
              bySlot(keys).map(async (group) => {
                const found = await redis.mgetBuffer(...group.keys);
                group.at.forEach((i, k) => (values[i] = found[k] ?? null));
              }),
            ),
          );
          setActiveSpanAttributes({ 'hoi.hits': values.filter((v) => v !== null).length });
          return values;
        } catch (err) {
          countError();
          degrade(err);
          return keys.map(() => null);
        }
      }),
    setMany: (entries) =>
      traced('cache.set', entries.length, async () => {
        if (entries.length === 0) return;
        try {
          const px = (ttlMs: number) => Math.max(1, Math.round(ttlMs));
          // Single-key commands (on a cluster each is routed to its slot's node). Auto-pipelining
          // sends them in one write with every other command of this turn of the event loop,
          // other requests' included, where a pipeline of their own would be a write apart.
          await timed('set', () =>
            Promise.all(entries.map((e) => redis.set(e.key, e.value, 'PX', px(e.ttlMs)))),
          );
        } catch (err) {
          countError();
          degrade(err);
        }
      }),
    deleteMany: (keys) =>
      traced('cache.delete', keys.length, async () => {
        if (keys.length === 0) return true;
        try {
          await timed('delete', () =>
            Promise.all(bySlot(keys).map((group) => redis.del(...group.keys))),
          );
          return true;
        } catch (err) {
          countError();
          degrade(err);
          return false;
        }
      }),
    increment: (key) =>
      traced('cache.increment', 1, async () => {
        try {
          return await timed('incr', () => redis.incr(key));
        } catch (err) {
          countError();
          degrade(err);
          return null;
        }
      }),
    healthy: () => redis.status === 'ready',
    async close() {
      redis.disconnect();
    },
  };
}
