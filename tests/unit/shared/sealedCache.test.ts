import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryCacheStore, createSealedCache } from '@hoi/cache';
import { cacheSource, countCalls } from '@hoi/sources';

describe('createSealedCache', () => {
  it('names entries by HMAC and stores only ciphertext', async () => {
    const store = createMemoryCacheStore();
    const cache = createSealedCache(store, { key: randomBytes(32) });
    const key = cache.keyFor('src:x', '010180-1234');
    expect(key).not.toContain('010180');
    await cache.setJson('src:x', [{ key, value: { title: 'Alkoholbehandling' }, ttlMs: 1000 }]);
    const [raw] = await store.getMany([key]);
    expect(raw!.toString('utf8')).not.toContain('Alkohol');
    expect(await cache.getJson('src:x', [key])).toEqual([{ title: 'Alkoholbehandling' }]);
  });

  it('treats a tampered value, a value moved to another key, or an unknown key as a miss', async () => {
    const store = createMemoryCacheStore();
    const cache = createSealedCache(store, { key: randomBytes(32) });
    const [k1, k2] = [cache.keyFor('n', 'a'), cache.keyFor('n', 'b')];
    await cache.setJson('n', [{ key: k1, value: 1, ttlMs: 1000 }]);
    const [raw] = await store.getMany([k1]);
    await store.setMany([{ key: k2, value: raw!, ttlMs: 1000 }]);
    expect(await cache.getJson('n', [k2])).toEqual([undefined]);
    const tampered = Buffer.from(raw!);
    tampered[tampered.length - 1]! ^= 1;
    await store.setMany([{ key: k1, value: tampered, ttlMs: 1000 }]);
    expect(await cache.getJson('n', [k1])).toEqual([undefined]);
    const other = createSealedCache(store, {
      key: randomBytes(32),
      namingKey: Buffer.alloc(32, 7),
    });
    expect(await other.getJson('n', [k1])).toEqual([undefined]);
  });

  it('reads values sealed under the previous key during a rotation', async () => {
    const store = createMemoryCacheStore();
    const [oldKey, newKey, naming] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const before = createSealedCache(store, { key: oldKey, namingKey: naming });
    await before.setJson('n', [{ key: before.keyFor('n', 'a'), value: 'v', ttlMs: 1000 }]);
    const after = createSealedCache(store, {
      key: newKey,
      previousKeys: [oldKey],
      namingKey: naming,
    });
    expect(await after.getJson('n', [after.keyFor('n', 'a')])).toEqual(['v']);
  });
});

describe('createMemoryCacheStore', () => {
  it('reads counters back like Redis does', async () => {
    const store = createMemoryCacheStore();
    expect(await store.getMany(['v'])).toEqual([null]);
    expect(await store.increment('v')).toBe(1);
    expect(await store.increment('v')).toBe(2);
    expect((await store.getMany(['v']))[0]!.toString()).toBe('2');
  });
});

describe('cacheSource', () => {
  it('joins concurrent loads of one citizen and caches a null result as a hit', async () => {
    const inner = countCalls({
      name: 's',
      fetchMany: async (cprs: readonly string[]) => cprs.map(() => null),
    });
    const source = cacheSource(
      inner,
      createSealedCache(createMemoryCacheStore(), { key: randomBytes(32) }),
      { ttlMs: 1000 },
    );
    await Promise.all(Array.from({ length: 50 }, () => source.fetchMany(['010180-1234'])));
    expect(inner.calls).toBe(1);
    expect(await source.fetchMany(['010180-1234'])).toEqual([null]);
    expect(inner.calls).toBe(1);
  });

  it('does not cache a failure', async () => {
    let fail = true;
    const inner = countCalls({
      name: 's',
      fetchMany: async (cprs: readonly string[]) => {
        if (fail) throw new Error('down');
        return cprs.map(() => 1);
      },
    });
    const source = cacheSource(
      inner,
      createSealedCache(createMemoryCacheStore(), { key: randomBytes(32) }),
      { ttlMs: 1000 },
    );
    await expect(source.fetchMany(['a'])).rejects.toThrow('down');
    fail = false;
    expect(await source.fetchMany(['a'])).toEqual([1]);
  });
});
