/**
 * The cache as the rest of the system uses it: JSON values under pseudonymous keys, sealed.
 * Keys never hold a CPR in clear (keyed HMAC of the identifying part); values hold sensitive
 * personal data, so they are encrypted with AES-256-GCM under a key from the environment,
 * with the cache key as associated data (a value cannot be moved to another key).
 *
 * Key rotation: set the new key as CACHE_ENCRYPTION_KEY and the old one as
 * CACHE_ENCRYPTION_KEY_PREVIOUS, keeping CACHE_HMAC_KEY as it is; values sealed under either
 * key are read, new ones use the new key. Once the longest TTL has passed, drop the previous key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { Metrics } from '@hoi/platform';
import type { CacheStore } from './CacheStore.js';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 4;

/** Options of {@link createSealedCache}. */
export interface SealedCacheOptions {
  /** 32 bytes: the current AES-256-GCM key; the HMAC key for cache keys is derived from it. */
  readonly key: Buffer;
  /** Earlier keys still accepted for reading (rotation). */
  readonly previousKeys?: readonly Buffer[];
  /** Key of the HMAC that names entries; keep it across rotations. @default derived from `key` */
  readonly namingKey?: Buffer;
  readonly metrics?: Metrics;
}

/** A typed, sealed view of a cache store. */
export interface SealedCache {
  readonly store: CacheStore;
  /** The cache key for an identifier (e.g. a CPR) in a namespace; the identifier is HMAC'd. */
  keyFor(namespace: string, id: string): string;
  getJson<T>(namespace: string, keys: readonly string[]): Promise<(T | undefined)[]>;
  /**
   * Counters (plain integers, 0 when absent) and sealed values in one round trip: a value
   * can carry the counter it was cached under, and is current only if they still agree.
   */
  getJsonWithCounters<T>(
    namespace: string,
    counterKeys: readonly string[],
    keys: readonly string[],
  ): Promise<{ counters: number[]; values: (T | undefined)[] }>;
  setJson(
    namespace: string,
    entries: readonly { key: string; value: unknown; ttlMs: number }[],
  ): Promise<void>;
}

function keyId(key: Buffer): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, KEY_ID_BYTES);
}

/** Creates the sealed cache. */
export function createSealedCache(store: CacheStore, options: SealedCacheOptions): SealedCache {
  if (options.key.length !== 32) throw new Error('the cache encryption key must be 32 bytes');
  const namingKey =
    options.namingKey ?? createHmac('sha256', options.key).update('cache-key-names').digest();
  const decryptionKeys = new Map<string, Buffer>();
  for (const k of [options.key, ...(options.previousKeys ?? [])])
    decryptionKeys.set(keyId(k).toString('hex'), k);
  const currentId = keyId(options.key);

  const seal = (cacheKey: string, value: unknown): Buffer => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', options.key, iv);
    cipher.setAAD(Buffer.from(cacheKey));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT), currentId, iv, cipher.getAuthTag(), body]);
  };
  const open = (cacheKey: string, sealed: Buffer): unknown => {
    if (sealed.length < 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT)
      return undefined;
    const key = decryptionKeys.get(sealed.subarray(1, 1 + KEY_ID_BYTES).toString('hex'));
    if (!key) return undefined;
    const ivStart = 1 + KEY_ID_BYTES;
    const tagStart = ivStart + IV_BYTES;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(ivStart, tagStart));
      decipher.setAAD(Buffer.from(cacheKey));
      decipher.setAuthTag(sealed.subarray(tagStart, tagStart + TAG_BYTES));
      const text = Buffer.concat([
        decipher.update(sealed.subarray(tagStart + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      return JSON.parse(text) as unknown;
    } catch {
      return undefined; // tampered, or sealed under a key we no longer hold: a miss
    }
  };

  const openAll = <T>(
    namespace: string,
    keys: readonly string[],
    raw: readonly (Buffer | null)[],
  ): (T | undefined)[] => {
    const values = raw.map((v, i) =>
      v === null ? undefined : (open(keys[i] as string, v) as T | undefined),
    );
    const hits = values.filter((v) => v !== undefined).length;
    options.metrics?.cacheOps.inc({ cache: namespace, result: 'hit' }, hits);
    options.metrics?.cacheOps.inc({ cache: namespace, result: 'miss' }, keys.length - hits);
    return values;
  };

  return {
    store,
    keyFor: (namespace, id) =>
      `${namespace}:${createHmac('sha256', namingKey).update(`${namespace}|${id}`).digest('base64url').slice(0, 32)}`,
    async getJson<T>(namespace: string, keys: readonly string[]) {
      return openAll<T>(namespace, keys, await store.getMany(keys));
    },
    async getJsonWithCounters<T>(
      namespace: string,
      counterKeys: readonly string[],
      keys: readonly string[],
    ) {
      const raw = await store.getMany([...counterKeys, ...keys]);
      const counters = raw
        .slice(0, counterKeys.length)
        .map((v) => (v === null ? 0 : Number(v.toString('utf8')) || 0));
      return { counters, values: openAll<T>(namespace, keys, raw.slice(counterKeys.length)) };
    },
    setJson: (_namespace, entries) =>
      store.setMany(
        entries.map((e) => ({ key: e.key, value: seal(e.key, e.value), ttlMs: e.ttlMs })),
      ),
  };
}
