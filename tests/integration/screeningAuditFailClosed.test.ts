/**
 * The screening subgraph fails closed on its audit log (DESIGN §4): when the audit write
 * fails, neither a screening page nor an eligibility leaves the subgraph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '@hoi/dataset';
import {
  ACCESS_CONTEXT_HEADER,
  createAccessContextSigner,
  createAccessGrants,
  createPseudonymizer,
} from '@hoi/access';
import { closeServer, createLogger, createMetrics, listen } from '@hoi/platform';
import {
  buildSnapshot,
  createCursorCodec,
  createDatasetFeed,
  createDecisionSync,
  createEmbeddedScreeningRecordsSource,
  createScreeningServer,
  ScreeningProjection,
  type ScreeningStore,
} from '@hoi/subgraph-screening';
import { postGraphQL } from '../helpers/system.js';

const SECRET = 'screening-audit-fail-closed-secret-0123456789';
const dataset = createDataset({ seed: 2, citizens: 2_000 });
/** A store whose audit log is down; everything else answers. */
const store: ScreeningStore = {
  registerHoiCase: async () => {
    throw new Error('not used');
  },
  recordDecline: async () => {
    throw new Error('not used');
  },
  decisionsOf: async () => new Map(),
  decisionsAfter: async () => [],
  appendAudit: async () => {
    throw new Error('audit log: disk full');
  },
  accessTrail: async () => {
    throw new Error('not used');
  },
  readAudit: async () => [],
  ping: async () => true,
  close: async () => {},
};
let server: Awaited<ReturnType<typeof createScreeningServer>>;
let url: string;

beforeAll(async () => {
  const projection = new ScreeningProjection();
  projection.replace(await buildSnapshot(createDatasetFeed(dataset), { now: new Date() }));
  server = await createScreeningServer({
    source: createEmbeddedScreeningRecordsSource(dataset),
    store,
    projection,
    decisionSync: createDecisionSync(store, projection),
    grants: createAccessGrants(SECRET),
    cursors: createCursorCodec(SECRET),
    pseudonymize: createPseudonymizer('test-audit-key-0123456789abcdef0123', 'audit-citizen'),
    accessContextSecret: SECRET,
    logger: createLogger('test', { level: 'silent' }),
    metrics: createMetrics('screening', { defaults: false }),
  });
  url = `${await listen(server.http, 0)}/graphql`;
});
afterAll(async () => {
  await closeServer(server.http);
  await server.apollo.stop();
});

async function asScreener(query: string, variables?: Record<string, unknown>) {
  const context = await createAccessContextSigner(SECRET)(
    {
      principal: { sub: 'screener-1', role: 'screener', areas: [] },
      requestId: 'r-1',
      operationName: null,
    },
    { query, variables },
  );
  return postGraphQL(url, { query, variables }, { [ACCESS_CONTEXT_HEADER]: context });
}

describe('a failing audit log', () => {
  it('withholds a screening page', async () => {
    const res = await asScreener(
      '{ screening(group: MANDATORY, first: 5) { totalCount nodes { cpr } } }',
    );
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(res)).not.toMatch(/disk full|\d{6}-\d{4}/);
    // One generic error on the page field, nothing else: no totalCount, no nodes.
    expect(res).toMatchInlineSnapshot(`
      {
        "data": null,
        "errors": [
          {
            "extensions": {
              "code": "INTERNAL_SERVER_ERROR",
            },
            "message": "Internal server error",
            "path": [
              "screening",
            ],
          },
        ],
        "status": 200,
      }
    `);
  });

  it('withholds an eligibility', async () => {
    const cpr = dataset.cprAt(3);
    const res = await asScreener(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { hoiEligibility { mandatory reasons } } } }',
      {
        r: [
          {
            __typename: 'Citizen',
            cpr,
            accessGrant: createAccessGrants(SECRET).sign(cpr, [], {
              sub: 'screener-1',
              version: 0,
            }),
          },
        ],
      },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(res.data ?? null)).not.toContain('mandatory');
    // The entity itself is null (hoiEligibility is non-null), and the error names its field.
    expect(JSON.stringify(res)).not.toMatch(/disk full|reasons/);
    expect(JSON.stringify(res)).not.toContain(cpr);
    expect(res).toMatchInlineSnapshot(`
      {
        "data": {
          "_entities": [
            null,
          ],
        },
        "errors": [
          {
            "extensions": {
              "code": "INTERNAL_SERVER_ERROR",
            },
            "message": "Internal server error",
            "path": [
              "_entities",
              0,
              "hoiEligibility",
            ],
          },
        ],
        "status": 200,
      }
    `);
  });
});
