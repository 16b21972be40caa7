/**
 * Rate limits (DESIGN §3b) with rate-limiter-flexible: per principal (`sub`), per client address
 * for requests without a valid token, and screening rows per principal (each page counts its
 * `first`: a page of 500 writes 500 audit rows), in one-second windows. With Redis the counters are shared by every gateway instance (one atomic Lua
 * increment per request); without it, or while Redis is away, each instance counts in
 * process (the library's insurance limiter). The limiter never fails a request of its own:
 * an error that is not a refusal lets the request through.
 */
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '@hoi/platform';

/** Requests (or pages) per second; 0 turns a limit off. */
export interface RateLimits {
  /** Requests per second of one authenticated principal (`sub`). @default 500 */
  readonly perPrincipal: number;
  /** Requests per second from one client address without a valid token. @default 20 */
  readonly perAddress: number;
  /**
   * Screening rows per second of one principal: the sum of `first` over the `screening`
   * pages of its requests (aliases included). @default 10000 (20 full pages)
   */
  readonly screeningRows: number;
}

/** The defaults: no person's UI comes near them; a stolen token's flood does. */
export const DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({
  perPrincipal: 500,
  perAddress: 20,
  screeningRows: 10_000,
});

/** Which bucket a request is counted in. */
export type RateLimitBucket = 'principal' | 'address' | 'screening';

/** A refusal: when to try again. */
export interface RateLimitRefusal {
  readonly retryAfterSeconds: number;
  /** The limit that was reached, per second. */
  readonly limit: number;
}

/** The rate limiter of one gateway instance. */
export interface RateLimiter {
  /** Counts `points` for `key`; null when allowed, else when to retry. */
  consume(bucket: RateLimitBucket, key: string, points?: number): Promise<RateLimitRefusal | null>;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  readonly limits: RateLimits;
  /**
   * Shared counters, on one Redis or a Redis Cluster (each counter is one key, so a cluster
   * never sees a cross-slot command); undefined: in process only.
   */
  readonly redis?: Redis | Cluster;
  readonly logger: Logger;
}

const POINTS: Readonly<Record<RateLimitBucket, keyof RateLimits>> = {
  principal: 'perPrincipal',
  address: 'perAddress',
  screening: 'screeningRows',
};

/** Creates the limiter; a bucket whose limit is 0 always allows. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const limiters = new Map<RateLimitBucket, RateLimiterMemory | RateLimiterRedis>();
  for (const [bucket, setting] of Object.entries(POINTS) as [RateLimitBucket, keyof RateLimits][]) {
    const points = options.limits[setting];
    if (points <= 0) continue;
    const keyPrefix = `rl:v1:${bucket}`;
    const memory = new RateLimiterMemory({ points, duration: 1, keyPrefix });
    limiters.set(
      bucket,
      options.redis
        ? new RateLimiterRedis({
            storeClient: options.redis,
            points,
            duration: 1,
            keyPrefix,
            // Redis away: count in this process instead (never refuse because of Redis).
            insuranceLimiter: memory,
          })
        : memory,
    );
  }
  let warned = false;
  return {
    async consume(bucket, key, points = 1) {
      const limiter = limiters.get(bucket);
      if (!limiter) return null;
      try {
        await limiter.consume(key, points);
        return null;
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          return {
            retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)),
            limit: limiter.points,
          };
        }
        if (!warned) {
          warned = true;
          options.logger.warn({ err: e }, 'rate limiter failed: requests are let through');
        }
        return null;
      }
    },
  };
}
