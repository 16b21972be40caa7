/** @hoi/cache: the sealed cache: Redis or in-process stores, encrypted values, pseudonymous keys. */
export * from './CacheStore.js';
export * from './MemoryCacheStore.js';
export * from './RedisCacheStore.js';
export * from './cacheConfig.js';
export * from './sealedCache.js';
export * from './redisClient.js';
