/**
 * The gateway's read ahead (DESIGN §9): which plans it reads ahead for, the citizens it names,
 * and when it keeps quiet (no spare capacity, a recent answer, a subgraph that does not read
 * ahead). The subgraph side is tests/integration/readAhead.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Dispatcher } from 'undici';
import { READ_AHEAD_PATH } from '@hoi/access';
import { createLogger } from '@hoi/platform';
import { citizensOf, createReadAhead, indexSubgraphsAfterConsent } from '@hoi/gateway';
import type { GatewayContext } from '@hoi/gateway';

const supergraph = Supergraph.build(
  readFileSync(new URL('../../../supergraph.graphql', import.meta.url), 'utf8'),
);
const planner = new QueryPlanner(supergraph);
const plan = (query: string) =>
  planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
const operationOf = (query: string) =>
  parse(query).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
const caseworker = {
  principal: { sub: 'cw', role: 'caseworker', areas: ['EMPLOYMENT'] },
  requestId: 'r1',
  operationName: null,
  held: [],
} as unknown as GatewayContext;
const CPR = '010180-1234';
const OVERVIEW = `query($c: CPR!) { citizen(cpr: $c) { cpr cases { id } employment { contactGroup } } }`;

/** A dispatcher that records the paths and bodies it was asked for and answers `status`. */
function recordingDispatcher(status: (origin: string) => number) {
  const sent: { origin: string; path: string; body: unknown }[] = [];
  const dispatcher = {
    request: async (o: { origin: string; path: string; body: string }) => {
      sent.push({ origin: o.origin, path: o.path, body: JSON.parse(o.body) });
      return { statusCode: status(o.origin), body: { dump: async () => {} } };
    },
  } as unknown as Dispatcher;
  return { dispatcher, sent };
}

const urls: Record<string, string> = {
  cases: 'http://cases.test/graphql',
  // Behind a path prefix: the message goes beside the GraphQL path.
  employment: 'http://employment.test/employment/graphql',
};

function readAheadWith(status: (origin: string) => number = () => 202, cachedForMs = 0) {
  const { dispatcher, sent } = recordingDispatcher(status);
  const readAhead = createReadAhead({
    subgraphUrl: (name) => urls[name],
    dispatcher,
    sign: async () => 'signed',
    cachedForMs,
    logger: createLogger('test', { level: 'silent' }),
  });
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return { readAhead, sent, settle };
}

describe('the plans read ahead for', () => {
  it('are those that ask the consent subgraph first: the index subgraphs after it', () => {
    expect(
      indexSubgraphsAfterConsent(
        plan(`{ citizen(cpr: "${CPR}") { cases { id } employment { contactGroup } } }`),
      ).sort(),
    ).toEqual(['cases', 'employment']);
    expect(
      indexSubgraphsAfterConsent(plan(`{ citizen(cpr: "${CPR}") { cpr consent { id } } }`)),
    ).toEqual([]);
    expect(
      indexSubgraphsAfterConsent(plan('{ screening(group: MANDATORY) { totalCount } }')),
    ).toEqual([]);
  });

  it('name the citizens of citizen, citizens and, for a citizen, me, canonically', () => {
    expect(citizensOf(operationOf(OVERVIEW), { c: '0101801234' }, caseworker)).toEqual([CPR]);
    expect(
      citizensOf(
        operationOf(
          'query($c: [CPR!]!) { a: citizens(cprs: $c) { cpr } b: citizen(cpr: "020290-1234") { cpr } }',
        ),
        { c: [CPR, 'nonsense', CPR] },
        caseworker,
      ),
    ).toEqual([CPR, '020290-1234']);
    const citizen = { ...caseworker, principal: { sub: CPR, role: 'citizen', areas: [] } };
    expect(citizensOf(operationOf('{ me { cpr } }'), {}, citizen as GatewayContext)).toEqual([CPR]);
    expect(citizensOf(operationOf('{ me { cpr } }'), {}, caseworker)).toEqual([]);
  });
});

describe('createReadAhead', () => {
  it('tells each index subgraph of the plan the citizens, at its read-ahead path', async () => {
    const { readAhead, sent, settle } = readAheadWith();
    readAhead.planned(
      plan(`{ citizen(cpr: "${CPR}") { cpr cases { id } employment { contactGroup } } }`),
      operationOf(OVERVIEW),
      { c: CPR },
      caseworker,
    );
    await settle();
    expect(sent.map((s) => s.origin).sort()).toEqual([
      'http://cases.test',
      'http://employment.test',
    ]);
    expect(sent.map((s) => s.path).sort()).toEqual([
      `/employment${READ_AHEAD_PATH}`,
      READ_AHEAD_PATH,
    ]);
    for (const s of sent) {
      expect(s.body).toEqual({ query: 'prefetch', variables: { cprs: [CPR] } });
    }
  });

  it('keeps quiet without spare capacity, after a recent answer, and to a subgraph that does not read ahead', async () => {
    const overview = plan(
      `{ citizen(cpr: "${CPR}") { cases { id } employment { contactGroup } } }`,
    );
    const busy = readAheadWith();
    for (let i = 0; i < 5; i++) busy.readAhead.started();
    busy.readAhead.planned(overview, operationOf(OVERVIEW), { c: CPR }, caseworker);
    await busy.settle();
    expect(busy.sent).toHaveLength(0);

    const cached = readAheadWith(() => 202, 60_000);
    cached.readAhead.fetched('cases', [CPR]);
    cached.readAhead.planned(overview, operationOf(OVERVIEW), { c: CPR }, caseworker);
    await cached.settle();
    expect(cached.sent.map((s) => s.origin)).toEqual(['http://employment.test']);

    const embedded = readAheadWith((origin) => (origin.includes('cases') ? 404 : 202));
    embedded.readAhead.planned(overview, operationOf(OVERVIEW), { c: CPR }, caseworker);
    await embedded.settle();
    embedded.readAhead.planned(overview, operationOf(OVERVIEW), { c: CPR }, caseworker);
    await embedded.settle();
    expect(embedded.sent.filter((s) => s.origin.includes('cases'))).toHaveLength(1);
    expect(embedded.sent.filter((s) => s.origin.includes('employment'))).toHaveLength(2);
  });
});
