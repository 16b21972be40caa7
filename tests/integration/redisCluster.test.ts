/**
 * The cache on a Redis Cluster (three masters, three replicas, real redis-server processes):
 * multi-key operations across hash slots, the overview through it, and a master failing over
 * mid-run: requests keep being answered, and no read after a withdrawal is stale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCacheStore } from '@hoi/cache';
import { createLogger } from '@hoi/platform';
import { startRedisCluster, type RedisCluster } from '../helpers/redisCluster.js';
import { startSystem, type System } from '../helpers/system.js';

let cluster: RedisCluster;
let system: System;

beforeAll(async () => {
  cluster = await startRedisCluster();
  system = await startSystem({
    citizens: 300,
    cache: { redisClusterNodes: cluster.nodes, keyPrefix: 'hoi:test:cluster:', timeoutMs: 200 },
    // The reads below run as fast as the machine allows, from one principal.
    gatewayEnv: { RATE_LIMIT_PER_PRINCIPAL: '0' },
  });
}, 60_000);
afterAll(async () => {
  await system?.stop();
  await cluster?.stop();
});

describe('the cache store on a cluster', () => {
  it('reads, writes and deletes keys of many slots in one call', async () => {
    const store = createRedisCacheStore({
      clusterNodes: cluster.nodes,
      keyPrefix: 'hoi:test:store:',
      timeoutMs: 500,
      logger: createLogger('test', { level: 'silent' }),
    });
    try {
      const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
      for (let i = 0; i < 50 && !store.healthy(); i++) await new Promise((r) => setTimeout(r, 100));
      await store.setMany(
        keys.map((key, i) => ({ key, value: Buffer.from(`v${i}`), ttlMs: 60_000 })),
      );
      const read = await store.getMany([...keys, 'missing']);
      expect(read.map((b) => b?.toString() ?? null)).toEqual([
        ...keys.map((_, i) => `v${i}`),
        null,
      ]);
      expect(await store.deleteMany(keys.slice(0, 20))).toBe(true);
      const after = await store.getMany(keys);
      expect(after.filter((b) => b === null)).toHaveLength(20);
      expect(await store.increment('counter')).toBe(1);
      expect(await store.increment('counter')).toBe(2);
    } finally {
      await store.close();
    }
  });
});

describe('the system on a cluster', () => {
  const CASES = 'query Cases($cpr: CPR!) { citizen(cpr: $cpr) { cases { id area } } }';

  function citizenWithHealth(): string {
    for (let i = 0; i < system.dataset.size; i++) {
      const c = system.dataset.at(i);
      if (c.cases.some((k) => k.area === 'HEALTH') && c.consents.length === 0) return c.cpr;
    }
    throw new Error('no such citizen');
  }

  it('answers through a master failover, and no read after a withdrawal is stale', async () => {
    const cpr = citizenWithHealth();
    const all = await system.token({ role: 'caseworker', sub: 'cw-all', areas: ['HEALTH'] });
    const limited = await system.token({
      role: 'caseworker',
      sub: 'cw-emp',
      areas: ['EMPLOYMENT'],
    });
    const healthShown = async () => {
      const res = await system.query(CASES, { cpr }, limited);
      expect(res.errors).toBeUndefined();
      return (res.data!.citizen as { cases: { area: string }[] }).cases.some(
        (c) => c.area === 'HEALTH',
      );
    };
    const given = await system.query(
      'mutation G($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [HEALTH], validUntil: "2099-12-31") { id } }',
      { cpr },
      all,
    );
    expect(given.errors).toBeUndefined();
    const before = system.sources.cases.calls;
    for (let i = 0; i < 5; i++) expect(await healthShown()).toBe(true);
    // Cached on the cluster: the source was asked once for the five reads.
    expect(system.sources.cases.calls - before).toBeLessThanOrEqual(1);

    // Reads go on while a master dies and its replica takes over: every one is answered.
    let reading = true;
    let answered = 0;
    const reader = (async () => {
      while (reading) {
        expect(await healthShown()).toBe(true);
        answered += 1;
      }
    })();
    await cluster.killMaster();
    reading = false;
    await reader;
    expect(answered).toBeGreaterThan(0);

    const withdrawn = await system.query(
      'mutation W($cpr: CPR!) { withdrawConsent(cpr: $cpr) { status } }',
      { cpr },
      all,
    );
    expect(withdrawn.errors).toBeUndefined();
    let stale = 0;
    for (let batch = 0; batch < 10; batch++) {
      const seen = await Promise.all(Array.from({ length: 20 }, () => healthShown()));
      stale += seen.filter(Boolean).length;
    }
    expect(stale).toBe(0);
  }, 60_000);
});

describe('rate limits on a cluster', () => {
  it('are shared by two gateways through the cluster', async () => {
    const shared = {
      cache: {
        redisClusterNodes: cluster.nodes,
        keyPrefix: 'hoi:test:cluster-rl:',
        timeoutMs: 200,
      },
      // The limiter's own connection is configured like a process's: from the environment.
      gatewayEnv: {
        RATE_LIMIT_PER_PRINCIPAL: '6',
        REDIS_CLUSTER_NODES: cluster.nodes.join(','),
        CACHE_KEY_PREFIX: 'hoi:test:cluster-rl:',
        CACHE_TIMEOUT_MS: '200',
      },
      citizens: 50,
    };
    const a = await startSystem(shared);
    const b = await startSystem(shared);
    try {
      const token = await a.token({ role: 'caseworker', sub: 'cw-burst', areas: ['HEALTH'] });
      const query = '{ __typename }';
      // Five on each at once, the limit six: only a shared count refuses any. A burst that
      // happens to straddle two one-second windows may pass whole: then try again.
      let limited: Awaited<ReturnType<typeof a.query>>[] = [];
      for (let attempt = 0; attempt < 3 && limited.length === 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 1_100));
        const answers = await Promise.all([
          ...Array.from({ length: 5 }, () => a.query(query, {}, token)),
          ...Array.from({ length: 5 }, () => b.query(query, {}, token)),
        ]);
        limited = answers.filter((r) => r.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
      }
      expect(limited.length).toBeGreaterThanOrEqual(1);
      expect(limited[0]?.status).toBe(429);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
