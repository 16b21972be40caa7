/**
 * Withdrawal across instances in every configuration (DESIGN §4): two consent subgraph
 * instances on one PostgreSQL database, each with the default in-process cache and no Redis.
 * After withdrawConsent returns on one, no read on the other shows what only that consent
 * made visible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessContextSigner } from '@hoi/access';
import { createCache } from '@hoi/cache';
import { createDataset } from '@hoi/dataset';
import { closeServer, createLogger, createMetrics, listen } from '@hoi/platform';
import { embeddedSource, SOURCES } from '@hoi/sources';
import {
  composeConsent,
  createSqlConsentStore,
  loadConsentConfig,
  type ConsentService,
} from '@hoi/subgraph-consent';
import { throwawaySchema } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';
import { postGraphQL } from '../helpers/system.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');
const SECRET = 'withdrawal-instances-secret-0123456789abcdef';
const schema = throwawaySchema(DATABASE_URL, 't_withdrawal');
const dataset = createDataset({ seed: 3, citizens: 200 });
const sign = createAccessContextSigner(SECRET);
const instances: { service: ConsentService; url: string }[] = [];

async function call(url: string, query: string, variables: Record<string, unknown>, rid: string) {
  const body = { query, variables };
  const header = await sign(
    {
      principal: { sub: 'cw-1', role: 'caseworker', areas: [] },
      requestId: rid,
      operationName: null,
    },
    body,
  );
  return postGraphQL(url, body, { 'x-hoi-access-context': header });
}

beforeAll(async () => {
  const logger = createLogger('test', { level: 'silent' });
  for (const name of ['a', 'b']) {
    const metrics = createMetrics(`consent-${name}`, { defaults: false });
    const service = await composeConsent(
      loadConsentConfig({ ACCESS_CONTEXT_SECRET: SECRET, CONSENT_STATE_CACHE_TTL_MS: '60000' }),
      {
        logger,
        metrics,
        dataset,
        store: await createSqlConsentStore(await schema.open()),
        source: embeddedSource(SOURCES['consent-register'], dataset),
        // The default without REDIS_URL: an in-process cache per instance.
        cache: createCache(
          {
            mode: 'auto',
            redisUrl: undefined,
            keyPrefix: `hoi:test:${name}:`,
            timeoutMs: 50,
            ttlMs: 60_000,
            encryptionKey: Buffer.alloc(32, 7),
            previousEncryptionKey: undefined,
            hmacKey: undefined,
          },
          { logger, metrics },
        ),
      },
    );
    instances.push({ service, url: `${await listen(service.http, 0)}/graphql` });
  }
});
afterAll(async () => {
  for (const { service } of instances) {
    await closeServer(service.http);
    await service.close();
    await service.store.close();
  }
  await schema.dispose();
});

describe('two consent instances, one database, no Redis', () => {
  it('1,000 reads on the other instance after withdrawConsent returned: none stale', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const cpr = dataset.cprAt(
      [...Array(dataset.size).keys()].find((i) => dataset.at(i).consents.length === 0)!,
    );
    const read = async (rid: string) => {
      const res = await call(
        b.url,
        'query($cpr: CPR!) { citizen(cpr: $cpr) { access { area visible } } }',
        { cpr },
        rid,
      );
      expect(res.errors).toBeUndefined();
      const access = (res.data!.citizen as { access: { area: string; visible: boolean }[] }).access;
      return access.find((x) => x.area === 'HEALTH')!.visible;
    };
    const given = await call(
      a.url,
      'mutation($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [HEALTH], validUntil: "2099-12-31") { id } }',
      { cpr },
      'give',
    );
    expect(given.errors).toBeUndefined();
    // B has read (and, with a cache, kept) the consented state.
    for (let i = 0; i < 5; i++) expect(await read(`warm-${i}`)).toBe(true);

    const withdrawn = await call(
      a.url,
      'mutation($cpr: CPR!) { withdrawConsent(cpr: $cpr) { status } }',
      { cpr },
      'withdraw',
    );
    expect(withdrawn.errors).toBeUndefined();
    let stale = 0;
    for (let batch = 0; batch < 50; batch++) {
      const seen = await Promise.all(
        Array.from({ length: 20 }, (_, i) => read(`after-${batch}-${i}`)),
      );
      stale += seen.filter(Boolean).length;
    }
    expect(stale).toBe(0);
  });
});
