/**
 * The Redis connection every shared store uses (the cache; the gateway's rate limits): one
 * Redis or a Redis Cluster, commands that fail fast while it is away (no offline queue, a
 * short command timeout) and reconnection in the background. ioredis is loaded on first use:
 * a process without REDIS_URL never pays for it (start-up time).
 */
import { createRequire } from 'node:module';
import type { Cluster, Redis } from 'ioredis';

/** Where the Redis is, and how long a command may take. */
export interface RedisConnectionOptions {
  /** One Redis. */
  readonly url?: string;
  /** A Redis Cluster's seed nodes (`host:port`); used instead of `url` when given. */
  readonly clusterNodes?: readonly string[];
  /** Prefix of every key, so deployments can share one Redis. */
  readonly keyPrefix: string;
  /** Longest a command may take before it counts as failed. */
  readonly timeoutMs: number;
}

/** True when the options name a Redis Cluster. */
export const isCluster = (options: RedisConnectionOptions): boolean =>
  (options.clusterNodes?.length ?? 0) > 0;

/** Connects (in the background) to the Redis or Redis Cluster the options name. */
export function createRedisClient(options: RedisConnectionOptions): Redis | Cluster {
  const ioredis = createRequire(import.meta.url)('ioredis') as {
    Redis: typeof Redis;
    Cluster: typeof Cluster;
  };
  const connection = {
    // Commands issued in the same turn of the event loop (the four entity lookups of one
    // overview, and those of requests arriving together) go out in one write: on these
    // machines a system call per command was the largest item of the gateway's profile.
    enableAutoPipelining: true,
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(options.timeoutMs, 1_000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  };
  if (isCluster(options)) {
    return new ioredis.Cluster(
      (options.clusterNodes ?? []).map((node) => {
        const [host, port] = node.split(':');
        return { host: host as string, port: Number(port) };
      }),
      {
        keyPrefix: options.keyPrefix,
        enableAutoPipelining: true,
        enableOfflineQueue: false,
        clusterRetryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
        // Moved slots after a failover are followed at once.
        retryDelayOnFailover: 50,
        redisOptions: connection,
      },
    );
  }
  return new ioredis.Redis(options.url ?? '', {
    ...connection,
    keyPrefix: options.keyPrefix,
    retryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
  });
}
