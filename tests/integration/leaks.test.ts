/**
 * Leak tests (DESIGN §4): a withheld area's records appear nowhere in any response, however
 * the query is shaped. Each response's full text is searched for every withheld id and title.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startSystem, type GraphQLResponse, type System } from '../helpers/system.js';

let system: System;
let token: string;
let cpr: string;
let withheld: string[];

beforeAll(async () => {
  system = await startSystem({ citizens: 3000 });
  token = await system.token({ role: 'caseworker', sub: 'cw', areas: ['EMPLOYMENT'] });
  for (let i = 0; ; i++) {
    const c = system.dataset.at(i);
    const others = [...c.cases, ...c.benefits, ...c.interventions].filter(
      (r) => r.area !== 'EMPLOYMENT',
    );
    if (c.consents.length === 0 && c.employment && others.length >= 3) {
      cpr = c.cpr;
      withheld = others
        .flatMap((r) => ['title' in r ? r.title : r.name, r.id])
        .filter((t) => {
          // A title shared with a visible record is not a leak signal.
          const visible = [...c.cases, ...c.benefits, ...c.interventions].filter(
            (v) => v.area === 'EMPLOYMENT',
          );
          return !visible.some((v) => ('title' in v ? v.title : v.name) === t);
        });
      break;
    }
  }
});
afterAll(async () => system?.stop());

function expectNoLeak(body: unknown): void {
  const text = JSON.stringify(body);
  for (const w of withheld) expect(text, `leaked "${w}"`).not.toContain(w);
  // No record of another area, under its own or an aliased field name (access entries aside).
  expect(text).not.toMatch(
    /"(area|a)":"(SOCIAL_ADULT|ADDICTION|CHILDREN_FAMILY|HEALTH|EDUCATION)"(?!,"visible")/,
  );
}

const ALL = 'id title area kle status openedAt closedAt sourceSystem';

describe('withheld records', () => {
  const shapes: [string, string][] = [
    [
      'a plain overview',
      `{ citizen(cpr: "CPR") { cases { ${ALL} } benefits { id name area } interventions { id title area } access { area visible basis } } }`,
    ],
    [
      'aliases',
      `{ a: citizen(cpr: "CPR") { x: cases { t: title a: area } y: cases { id } } b: citizen(cpr: "CPR") { z: interventions { title } } }`,
    ],
    [
      'fragments on every type',
      `fragment C on Case { title area } fragment B on Benefit { name area } fragment I on Intervention { title area } fragment Z on Citizen { cases { ...C } benefits { ...B } interventions { ...I } } { citizen(cpr: "CPR") { ...Z ... on Citizen { cases { ... on Case { id } } } } }`,
    ],
    [
      'repeated fields',
      `{ citizen(cpr: "CPR") { cases { title } cases { title area } cases { id } } }`,
    ],
    [
      'the list field',
      `{ citizens(cprs: ["CPR", "CPR"]) { cases { title } interventions { title } benefits { name } } }`,
    ],
    ['__typename everywhere', `{ citizen(cpr: "CPR") { __typename cases { __typename title } } }`],
  ];
  it.each(shapes)('never appear through %s', async (_why, query) => {
    const res = await system.query(query.replaceAll('CPR', cpr), undefined, token);
    expect(res.errors).toBeUndefined();
    expectNoLeak(res);
  });

  it('never appear through _entities sent to the gateway', async () => {
    const res = await system.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { cases { title } } } }',
      { r: [{ __typename: 'Citizen', cpr, accessGrant: '63.AAAAAAAAAAAAAAAAAAAAAA' }] },
      token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expectNoLeak(res);
  });

  it('never appear through the internal accessGrant field', async () => {
    const res = await system.query(`{ citizen(cpr: "${cpr}") { accessGrant } }`, undefined, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('never appear through batched HTTP operations', async () => {
    const res = await fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([
        { query: `{ citizen(cpr: "${cpr}") { cases { title } } }` },
        { query: `{ citizen(cpr: "${cpr}") { interventions { title } } }` },
      ]),
    });
    // Batching is off: the whole array is refused before any operation runs.
    const text = await res.text();
    expect(res.status).toBe(400);
    const body = JSON.parse(text) as { data?: unknown; errors?: GraphQLResponse['errors'] };
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
    expect(text).not.toContain(cpr);
    expectNoLeak(text);
  });

  it('never appear in error messages', async () => {
    // Each client mistake answers its own stable code, never INTERNAL_SERVER_ERROR.
    const expected: [query: string, status: number, codes: string[]][] = [
      [`{ citizen(cpr: "${cpr}") { cases { title nope } } }`, 400, ['GRAPHQL_VALIDATION_FAILED']],
      [
        `{ citizen(cpr: "${cpr}") { cases(area: HEALTH) { title } } }`,
        400,
        ['GRAPHQL_VALIDATION_FAILED'],
      ],
      // `me` is for citizens and non-null, so the caseworker's whole answer is null.
      [`{ citizen(cpr: "${cpr}") { consent { id } } me { cpr } }`, 200, ['FORBIDDEN']],
    ];
    const answers: [GraphQLResponse, number, string[]][] = [];
    for (const [q, status, codes] of expected)
      answers.push([await system.query(q, undefined, token), status, codes]);
    answers.push([
      await postGraphQL(
        system.url,
        { query: `{ citizen(cpr: "${cpr}") { cases { title } } }` },
        { authorization: 'Bearer broken' },
      ),
      401,
      ['UNAUTHENTICATED'],
    ]);
    for (const [res, status, codes] of answers) {
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(codes);
      expect(res.status).toBe(status);
      expect(res.data ?? null).toBeNull();
      expectNoLeak(res);
    }
  });
});
