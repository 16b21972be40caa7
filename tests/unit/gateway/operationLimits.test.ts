/**
 * The operation limits as pure rules (DESIGN §3b): tokens counted without parsing, depth,
 * aliases and root fields as validation rules, the cost of an operation with its list bounds;
 * the defaults admit the documented queries and the standard introspection query.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Supergraph } from '@apollo/federation-internals';
import { HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import type { Principal } from '@hoi/domain';
import { getIntrospectionQuery, GraphQLError, parse, validate } from 'graphql';
import {
  checkCost,
  checkTokens,
  costDependsOnVariables,
  countRootFields,
  createDocumentGuard,
  DEFAULT_OPERATION_LIMITS,
  operationCost,
  operationLimitRules,
  operationLimitsPlugin,
} from '@hoi/gateway';

const schema = Supergraph.build(
  readFileSync(new URL('../../../supergraph.graphql', import.meta.url), 'utf8'),
)
  .apiSchema()
  .toGraphQLJSSchema();

const limits = DEFAULT_OPERATION_LIMITS;
const OVERVIEW =
  'cpr access { area visible basis } consent { status areas validUntil } cases { title area } benefits { name area } interventions { title area } employment { contactGroup }';
const CPR = '010190-1234';

/** The limit a check throws, or null when it passes. */
function limitOf(check: () => unknown): unknown {
  try {
    check();
    return null;
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    expect(e.extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');
    return e.extensions.limit;
  }
}

const staticLimit = (query: string) =>
  limitOf(() => validate(schema, parse(query), operationLimitRules(limits)));

describe('checkTokens', () => {
  it('passes a document within the limit, and never lexes one shorter than the limit', () => {
    expect(limitOf(() => checkTokens(`{ citizen(cpr: "${CPR}") { ${OVERVIEW} } }`, 100))).toBe(
      null,
    );
    // Not even valid GraphQL: too short to hold more tokens than the limit, so not looked at.
    expect(limitOf(() => checkTokens('{ { { "', 10))).toBe(null);
  });

  it('refuses a 1 MiB alias bomb after reading only up to the limit', () => {
    const bomb = `{ ${'a: __typename '.repeat(80_000)}}`;
    expect(bomb.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    expect(limitOf(() => checkTokens(bomb, limits.tokens))).toBe('tokens');
    // Generous: the point is that it does not grow with the document (it lexes 3,001 tokens).
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('leaves a lexical error within the limit to the parser', () => {
    expect(limitOf(() => checkTokens(`{ a ${'"'} ${' '.repeat(200)}`, 10))).toBe(null);
  });
});

describe('operationLimitRules', () => {
  it('names depth, aliases and root fields', () => {
    const nested = (n: number) =>
      `{ citizen(cpr: "${CPR}") { ${'... on Citizen { '.repeat(n)}cpr${' }'.repeat(n)} } }`;
    expect(staticLimit(nested(5))).toBe(null);
    expect(staticLimit(nested(12))).toBe('depth');
    expect(
      staticLimit(
        `{ citizen(cpr: "${CPR}") { ${Array.from({ length: 31 }, (_, i) => `c${i}: cpr`).join(' ')} } }`,
      ),
    ).toBe('aliases');
    expect(
      staticLimit(
        `{ ${Array.from({ length: 11 }, (_, i) => `c${i}: citizen(cpr: "${CPR}") { cpr }`).join(' ')} }`,
      ),
    ).toBe('rootFields');
  });

  it('counts fragments once where they are spread', () => {
    const query = `query { ...A ...A } fragment A on Query { a: citizen(cpr: "${CPR}") { cpr } me { cpr } }`;
    const document = parse(query);
    const operation = document.definitions[0];
    if (operation?.kind !== 'OperationDefinition') throw new Error('no operation');
    const fragments = new Map(
      document.definitions.flatMap((d) =>
        d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [],
      ),
    );
    expect(countRootFields(operation.selectionSet, (n) => fragments.get(n))).toBe(2);
  });

  it('admit the standard introspection query and the documented queries', () => {
    for (const query of [
      getIntrospectionQuery(),
      getIntrospectionQuery({
        descriptions: true,
        directiveIsRepeatable: true,
        inputValueDeprecation: true,
        specifiedByUrl: true,
        schemaDescription: true,
      }),
      `{ citizen(cpr: "${CPR}") { ${OVERVIEW} } }`,
      `{ citizen(cpr: "${CPR}") { hoiPlan { id subGoals { area text } meetings { id conflictsWith } } timeline(from: "2026-11-01") { kind area } } }`,
    ])
      expect(staticLimit(query)).toBe(null);
  });
});

describe('operationCost', () => {
  const cost = (query: string, variables?: Record<string, unknown>) =>
    operationCost(schema, parse(query), variables, undefined, limits.listCost);
  const cprs = Array.from({ length: 500 }, () => CPR);

  it('multiplies by the list bounds: CPRs of citizens, first of screening', () => {
    const one = cost(`{ citizen(cpr: "${CPR}") { ${OVERVIEW} } }`)!;
    const many = cost(`query($c: [CPR!]!) { citizens(cprs: $c) { ${OVERVIEW} } }`, { c: cprs })!;
    expect(many).toBe(500 * one);
    expect(cost('{ screening(group: MANDATORY, first: 500) { totalCount } }')).toBe(1000);
    expect(cost('{ screening(group: MANDATORY, first: 10) { totalCount } }')).toBe(20);
  });

  it('admits the documented queries with the default budget and refuses twice the largest', () => {
    const documented = [
      cost(`query($c: [CPR!]!) { citizens(cprs: $c) { ${OVERVIEW} } }`, { c: cprs }),
      cost(
        '{ screening(group: MANDATORY, first: 500) { totalCount edges { cursor node { cpr age openCaseAreas group } } pageInfo { hasNextPage endCursor } sourcesAsOf } }',
      ),
      cost(getIntrospectionQuery()),
    ];
    for (const c of documented) expect(limitOf(() => checkCost(c, limits.cost))).toBe(null);
    const twice = cost(
      `query($c: [CPR!]!) { a: citizens(cprs: $c) { ${OVERVIEW} } b: citizens(cprs: $c) { ${OVERVIEW} } }`,
      { c: cprs },
    );
    expect(limitOf(() => checkCost(twice, limits.cost))).toBe('cost');
  });

  it('is null for variables that do not fit (execution refuses them)', () => {
    expect(cost('query($c: [CPR!]!) { citizens(cprs: $c) { cpr } }', {})).toBe(null);
  });
});

describe('the cost per request', () => {
  it('depends on variables only in bounding arguments and directives', () => {
    const depends = (query: string) => costDependsOnVariables(parse(query));
    expect(depends('query($c: CPR!) { citizen(cpr: $c) { cpr cases { id } } }')).toBe(false);
    expect(depends('query($c: [CPR!]!) { citizens(cprs: $c) { cpr } }')).toBe(true);
    expect(
      depends('query($n: Int!) { screening(group: MANDATORY, first: $n) { totalCount } }'),
    ).toBe(true);
    expect(
      depends(
        'query($c: CPR!, $x: Boolean!) { citizen(cpr: $c) { cases @include(if: $x) { id } } }',
      ),
    ).toBe(true);
    expect(
      depends(
        'query($n: Int!) { ...F } fragment F on Query { screening(group: MANDATORY, first: $n) { totalCount } }',
      ),
    ).toBe(true);
  });

  /** Runs the plugin's check for one request of `document`. */
  async function check(
    plugin: ReturnType<typeof operationLimitsPlugin>,
    document: ReturnType<typeof parse>,
    variables: Record<string, unknown>,
  ): Promise<unknown> {
    const listener = (await plugin.requestDidStart!({} as never)) as {
      didResolveOperation(request: unknown): Promise<void>;
    };
    try {
      await listener.didResolveOperation({
        schema,
        document,
        request: { variables },
        operationName: null,
      });
      return null;
    } catch (e) {
      return limitOf(() => {
        throw e;
      });
    }
  }

  it('is computed once for a document no variable can make dearer, never spared by unfitting variables', async () => {
    const overview = parse(`query($c: CPR!) { citizen(cpr: $c) { ${OVERVIEW} } }`);
    const budget = operationCost(schema, overview, { c: CPR }, undefined, limits.listCost)! - 1;
    const plugin = operationLimitsPlugin({ ...limits, cost: budget });
    // Unfitting variables: no cost (execution refuses them), and nothing kept for later.
    expect(await check(plugin, overview, {})).toBe(null);
    expect(await check(plugin, overview, { c: CPR })).toBe('cost');
    expect(await check(plugin, overview, { c: '020290-1234' })).toBe('cost');
  });

  it('is computed per request where the variables bound a list', async () => {
    const many = parse('query($c: [CPR!]!) { citizens(cprs: $c) { cpr cases { id } } }');
    const plugin = operationLimitsPlugin({ ...limits, cost: 100 });
    expect(await check(plugin, many, { c: [CPR] })).toBe(null);
    expect(await check(plugin, many, { c: Array.from({ length: 50 }, () => CPR) })).toBe('cost');
    expect(await check(plugin, many, { c: [CPR] })).toBe(null);
  });
});

describe('createDocumentGuard', () => {
  const guard = (required = false) =>
    createDocumentGuard({ limits, schema: () => schema, trusted: null, required });
  const post = (body: unknown): HTTPGraphQLRequest => ({
    method: 'POST',
    headers: new HeaderMap(),
    search: '',
    body,
  });
  const principal: Principal = { sub: 'cw', role: 'caseworker', areas: [] };
  const codeOf = (check: () => void) => {
    try {
      check();
      return null;
    } catch (e) {
      if (!(e instanceof GraphQLError)) throw e;
      return e.extensions.code;
    }
  };

  it('refuses APQ without a principal, and a hash that is not the query’s', () => {
    const g = guard();
    const pq = { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } };
    expect(codeOf(() => g.check(post({ extensions: pq }), null))).toBe('UNAUTHENTICATED');
    expect(
      codeOf(() => g.check(post({ query: '{ me { cpr } }', extensions: pq }), principal)),
    ).toBe('BAD_REQUEST');
    expect(codeOf(() => g.check(post({ extensions: pq }), principal))).toBe(null);
  });

  it('refuses everything with TRUSTED_OPERATIONS=required and no manifest entry', () => {
    expect(codeOf(() => guard(true).check(post({ query: '{ me { cpr } }' }), principal))).toBe(
      'OPERATION_NOT_ALLOWED',
    );
  });

  it('reads GET requests too', () => {
    const search = `?query=${encodeURIComponent(`{ ${'a: __typename '.repeat(4000)}}`)}`;
    const get: HTTPGraphQLRequest = {
      method: 'GET',
      headers: new HeaderMap(),
      search,
      body: undefined,
    };
    expect(codeOf(() => guard().check(get, principal))).toBe('OPERATION_LIMIT_EXCEEDED');
  });
});
