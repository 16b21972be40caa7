/**
 * The gateway's in-process layer of entity answers in front of Redis (the real test Redis):
 * its own answers are served without a round trip, for no longer than the shared entry, never
 * across decisions; another instance's shared entries are read from Redis, not copied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessGrants } from '@hoi/access';
import { createRedisCacheStore, createSealedCache, type CacheStore } from '@hoi/cache';
import { createEntityCache, createNearEntityCache } from '@hoi/gateway';
import { createLogger } from '@hoi/platform';
import { requiredEnv } from '../helpers/env.js';

const base = new URL(requiredEnv('REDIS_URL'));
const PREFIX = `hoi:test:near:${process.pid}:`;
const grants = createAccessGrants('near-cache-test-secret');
const cpr = '010180-1234';
const at = Date.now();
const entities = (accessGrant: string) => ({
  query:
    'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { cases { id } } } }',
  variables: { representations: [{ __typename: 'Citizen', cpr, accessGrant }] },
});
const employment = entities(grants.sign(cpr, ['EMPLOYMENT'], { sub: 'a', version: 1 }, at));

let store: CacheStore;
const sealed = () => createSealedCache(store, { key: Buffer.alloc(32, 9) });

beforeAll(async () => {
  store = createRedisCacheStore({
    url: base.href,
    keyPrefix: PREFIX,
    timeoutMs: 1_000,
    logger: createLogger('test', { level: 'silent' }),
  });
  for (let i = 0; i < 50 && !store.healthy(); i++) await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  await store.close();
});

/** A loader that counts its calls and answers `id`. */
function loader(id: string) {
  const counter = {
    calls: 0,
    load: async () => {
      counter.calls += 1;
      return { data: { _entities: [{ cases: [{ id }] }] } };
    },
  };
  return counter;
}

/** Removes every shared entry this file wrote, so that only the near layer can answer. */
async function emptyRedis(): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(base.href);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

describe('the in-process layer of entity answers', () => {
  it('answers its own entries without Redis, as fresh copies, and never across decisions', async () => {
    const layer = createEntityCache('cases', sealed(), 60_000, { near: createNearEntityCache(1) })!;
    const a = loader('a');
    const first = await layer.through(employment, a.load);
    await emptyRedis();
    const again = await layer.through(employment, a.load);
    expect(a.calls).toBe(1);
    expect(again.data).toEqual(first.data);
    (again.data as { _entities: unknown[] })._entities.length = 0;
    expect((await layer.through(employment, a.load)).data).toEqual(first.data);
    // Another consent version (a withdrawal bumps it) or other areas: another answer.
    await layer.through(
      entities(grants.sign(cpr, ['EMPLOYMENT'], { sub: 'a', version: 2 }, at)),
      a.load,
    );
    await layer.through(
      entities(grants.sign(cpr, ['EMPLOYMENT', 'HEALTH'], { sub: 'a', version: 1 }, at)),
      a.load,
    );
    expect(a.calls).toBe(3);
  });

  it('lives no longer than the shared entry written with it', async () => {
    const layer = createEntityCache('benefits', sealed(), 100, { near: createNearEntityCache(1) })!;
    const a = loader('a');
    await layer.through(employment, a.load);
    await layer.through(employment, a.load);
    expect(a.calls).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    await layer.through(employment, a.load);
    expect(a.calls).toBe(2);
  });

  it("reads another instance's entries from Redis without keeping them", async () => {
    const shared = sealed();
    const one = createEntityCache('interventions', shared, 60_000, {
      near: createNearEntityCache(1),
    })!;
    const two = createEntityCache('interventions', shared, 60_000, {
      near: createNearEntityCache(1),
    })!;
    const a = loader('a');
    await one.through(employment, a.load);
    expect((await two.through(employment, a.load)).data).toEqual({
      _entities: [{ cases: [{ id: 'a' }] }],
    });
    expect(a.calls).toBe(1);
    await emptyRedis();
    await two.through(employment, a.load);
    expect(a.calls).toBe(2);
  });

  it('is off at size 0 and keeps nothing that has errors', async () => {
    expect(createNearEntityCache(0)).toBeNull();
    const layer = createEntityCache('employment', sealed(), 60_000, {
      near: createNearEntityCache(1),
    })!;
    let calls = 0;
    const failing = async () => (
      (calls += 1),
      { data: null, errors: [{ message: 'source down' }] }
    );
    await layer.through(employment, failing as never);
    await layer.through(employment, failing as never);
    expect(calls).toBe(2);
  });
});
