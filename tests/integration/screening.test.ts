/**
 * HOI target-group screening through the real gateway (issue 7): the screening lists equal a
 * brute-force evaluation of the rules over the whole dataset; the screener role reaches
 * nothing but screening and hoiEligibility; caseworkers and citizens get what is theirs; HOI
 * decisions take citizens off the lists at once; every read is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenRecord, copenhagenDate, type SectorArea } from '@hoi/domain';
import { ACCESS_CONTEXT_HEADER, type AccessContext, createAccessContextSigner } from '@hoi/access';
import {
  evaluateEligibility,
  HOI_CASE_KLE,
  type HoiDecisions,
  type HoiGroup,
  NO_DECISIONS,
  screeningFacts,
  screeningKeyOf,
} from '@hoi/subgraph-screening';
import { postGraphQL, startSystem, type GraphQLResponse, type System } from '../helpers/system.js';

const now = new Date();
let system: System;
let screener: string;

interface Candidate {
  cpr: string;
  age: number;
  openCaseAreas: SectorArea[];
  group: HoiGroup;
}

const PAGE = `query Page($group: HoiGroup!, $first: Int, $after: String) {
  screening(group: $group, first: $first, after: $after) {
    totalCount evaluatedAt sourcesAsOf
    edges { cursor node { cpr age openCaseAreas group } }
    nodes { cpr }
    pageInfo { hasNextPage endCursor }
  } }`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: Candidate }[];
  nodes: { cpr: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function page(
  group: HoiGroup,
  first: number,
  after?: string | null,
  token = screener,
): Promise<Page> {
  const res = await system.query(PAGE, { group, first, after }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.screening as Page;
}

/** Every citizen of a group's list, page by page; checks the pages hang together. */
async function wholeList(group: HoiGroup, first = 500): Promise<Candidate[]> {
  const all: Candidate[] = [];
  let after: string | null = null;
  let total: number | undefined;
  for (;;) {
    const p: Page = await page(group, first, after);
    total ??= p.totalCount;
    expect(p.totalCount).toBe(total);
    expect(p.nodes.map((n) => n.cpr)).toEqual(p.edges.map((e) => e.node.cpr));
    all.push(...p.edges.map((e) => e.node));
    expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor;
  }
  expect(all).toHaveLength(total ?? 0);
  return all;
}

/** The rules over every citizen of the dataset, one by one. */
function bruteForce(
  decisions: ReadonlyMap<string, HoiDecisions> = new Map(),
): Record<HoiGroup, Map<string, Candidate>> {
  const onDate = copenhagenDate(now);
  const groups: Record<HoiGroup, Map<string, Candidate>> = {
    MANDATORY: new Map(),
    OPTIONAL: new Map(),
  };
  for (let i = 0; i < system.dataset.size; i++) {
    const c = system.dataset.at(i);
    const e = evaluateEligibility({
      cpr: c.cpr,
      records: c,
      decisions: decisions.get(c.cpr) ?? NO_DECISIONS,
      onDate,
    });
    if (!e.toBeOffered) continue;
    const group: HoiGroup = e.mandatory ? 'MANDATORY' : 'OPTIONAL';
    groups[group].set(c.cpr, {
      cpr: c.cpr,
      age: e.age,
      openCaseAreas: [...screeningFacts(c, onDate).openCaseAreas],
      group,
    });
  }
  return groups;
}

async function expectListsEqualBruteForce(
  decisions?: ReadonlyMap<string, HoiDecisions>,
): Promise<void> {
  const expected = bruteForce(decisions);
  for (const group of ['MANDATORY', 'OPTIONAL'] as const) {
    const listed = await wholeList(group);
    expect(new Set(listed.map((c) => c.cpr)), group).toEqual(new Set(expected[group].keys()));
    expect(listed.length).toBe(expected[group].size);
    for (const c of listed) expect(c).toEqual(expected[group].get(c.cpr));
    // Oldest first, no citizen twice.
    const keys = listed.map((c) => screeningKeyOf(c.cpr));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(new Set(keys).size).toBe(keys.length);
  }
}

/** Titles, names and other free text of a citizen's records: none may reach a screener. */
function recordTexts(c: CitizenRecord): string[] {
  return [
    ...c.cases.map((x) => x.title),
    ...c.benefits.map((x) => x.name),
    ...c.interventions.map((x) => x.title),
    ...c.cases.map((x) => x.id),
  ];
}

function findCitizen(predicate: (c: CitizenRecord) => boolean, skip = 0): CitizenRecord {
  let found = 0;
  for (let i = 0; i < system.dataset.size; i++) {
    const c = system.dataset.at(i);
    if (predicate(c) && found++ === skip) return c;
  }
  throw new Error('no such citizen');
}

const groupOfCitizen = (c: CitizenRecord) => {
  const e = evaluateEligibility({
    cpr: c.cpr,
    records: c,
    decisions: NO_DECISIONS,
    onDate: copenhagenDate(now),
  });
  return e.toBeOffered ? (e.mandatory ? 'MANDATORY' : 'OPTIONAL') : null;
};

const code = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  // The dataset's default size (DESIGN §5), the in-process cache as `npm start` runs.
  system = await startSystem({ citizens: 10_000, clock: () => now, cache: 'memory' });
  screener = await system.token({ role: 'screener', sub: 'screener-1' });
});
afterAll(async () => system?.stop());

describe('screening over the whole dataset', () => {
  it('equals a brute-force evaluation of the rules: same citizens, counts, ages and areas', async () => {
    const expected = bruteForce();
    // The dataset exercises the rules: both groups are large, and some candidates are left
    // out for an HOI case they already have.
    expect(expected.MANDATORY.size).toBeGreaterThan(1_500);
    expect(expected.OPTIONAL.size).toBeGreaterThan(800);
    const withHoiCase = findCitizen((c) =>
      c.cases.some((x) => x.kle === HOI_CASE_KLE && x.closedAt === null),
    );
    expect(expected.MANDATORY.has(withHoiCase.cpr) || expected.OPTIONAL.has(withHoiCase.cpr)).toBe(
      false,
    );
    await expectListsEqualBruteForce();
  });

  it('pages the same list whatever the page size', async () => {
    const big = await wholeList('OPTIONAL', 500);
    const small = await wholeList('OPTIONAL', 137);
    expect(small).toEqual(big);
  });

  it('answers totalCount alone with first: 0, and an empty page behind the last', async () => {
    const count = await page('MANDATORY', 0);
    expect(count.edges).toEqual([]);
    expect(count.pageInfo).toEqual({ hasNextPage: true, endCursor: null });
    let p = await page('MANDATORY', 500);
    while (p.pageInfo.hasNextPage) p = await page('MANDATORY', 500, p.pageInfo.endCursor);
    const behind = await page('MANDATORY', 10, p.pageInfo.endCursor);
    expect(behind).toMatchObject({
      totalCount: count.totalCount,
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('refuses a page size above 500, a cursor of the other group and a forged cursor', async () => {
    expect(code(await system.query(PAGE, { group: 'MANDATORY', first: 501 }, screener))).toBe(
      'BAD_USER_INPUT',
    );
    const cursor = (await page('MANDATORY', 1)).pageInfo.endCursor;
    expect(
      code(await system.query(PAGE, { group: 'OPTIONAL', first: 1, after: cursor }, screener)),
    ).toBe('BAD_USER_INPUT');
    expect(
      code(
        await system.query(PAGE, { group: 'MANDATORY', first: 1, after: 'x'.repeat(40) }, screener),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('audits every page: one record per listed citizen, pseudonymized, basis STATUTORY_SCREENING', async () => {
    const p = await page('OPTIONAL', 3);
    const audit = await system.screening.store.readAudit();
    const mine = audit
      .filter((r) => r.purpose === 'HOI_SCREENING' && r.subject === 'screener-1')
      .slice(-3);
    expect(mine.map((r) => r.citizenRef)).toEqual(
      p.edges.map((e) => system.pseudonymize(e.node.cpr)),
    );
    for (const [i, r] of mine.entries()) {
      expect(r).toMatchObject({ role: 'screener', areas: p.edges[i]!.node.openCaseAreas });
      expect(Object.values(r.bases).every((b) => b === 'STATUTORY_SCREENING')).toBe(true);
    }
    // Pseudonyms only: no CPR of any listed citizen, in either form (request ids are UUIDs, so
    // a digit pattern alone would not do).
    const text = JSON.stringify(audit);
    for (const e of p.edges) {
      expect(text).not.toContain(e.node.cpr);
      expect(text).not.toContain(e.node.cpr.replace('-', ''));
    }
    for (const r of audit)
      expect(r.citizenRef === null || /^[A-Za-z0-9_-]{32}$/.test(r.citizenRef)).toBe(true);
  });
});

describe('the screener role', () => {
  let cpr: string;
  let texts: string[];
  beforeAll(() => {
    const c = findCitizen(
      (x) => groupOfCitizen(x) === 'MANDATORY' && x.consents.some((k) => k.status === 'ACTIVE'),
    );
    cpr = c.cpr;
    texts = recordTexts(c);
  });

  it('reads screening and hoiEligibility, through aliases and fragments, and no titles', async () => {
    const res = await system.query(
      `fragment E on HoiEligibility { mandatory optional toBeOffered reasons evaluatedAt }
       fragment C on Citizen { cpr e: hoiEligibility { ...E } }
       query { s: screening(group: MANDATORY, first: 2) { totalCount nodes { cpr age openCaseAreas group __typename } }
               citizen(cpr: "${cpr}") { ...C ... on Citizen { __typename hoiEligibility { mandatory } } } }`,
      undefined,
      screener,
    );
    expect(res.errors).toBeUndefined();
    const citizen = res.data!.citizen as {
      e: { mandatory: boolean; toBeOffered: boolean; reasons: string[] };
    };
    expect(citizen.e).toMatchObject({ mandatory: true, toBeOffered: true });
    const text = JSON.stringify(res);
    for (const t of texts) expect(text, `leaked "${t}"`).not.toContain(t);
  });

  const forbiddenShapes: [string, string][] = [
    ['cases', '{ citizen(cpr: "CPR") { cases { title } } }'],
    ['benefits', '{ citizen(cpr: "CPR") { benefits { name } } }'],
    ['interventions', '{ citizen(cpr: "CPR") { interventions { title } } }'],
    ['employment', '{ citizen(cpr: "CPR") { employment { contactGroup } } }'],
    ['consent', '{ citizen(cpr: "CPR") { consent { status areas } } }'],
    ['access', '{ citizen(cpr: "CPR") { access { area visible } } }'],
    ['hoiCase', '{ citizen(cpr: "CPR") { hoiCase { id } } }'],
    [
      'cases beside hoiEligibility',
      '{ citizen(cpr: "CPR") { hoiEligibility { mandatory } cases { id } } }',
    ],
    ['an alias', '{ citizen(cpr: "CPR") { hoiEligibility: cases { title } } }'],
    ['an inline fragment', '{ citizen(cpr: "CPR") { ... on Citizen { benefits { name } } } }'],
    [
      'a named fragment',
      'fragment F on Citizen { interventions { title } } { citizen(cpr: "CPR") { ...F } }',
    ],
    [
      'a nested fragment',
      'fragment G on Citizen { consent { id } } fragment F on Citizen { cpr ...G } { citizen(cpr: "CPR") { ...F } }',
    ],
    ['a root fragment', 'fragment Q on Query { citizen(cpr: "CPR") { cases { id } } } { ...Q }'],
    ['citizens', '{ citizens(cprs: ["CPR"]) { cpr hoiEligibility { mandatory } } }'],
    ['me', '{ me { cpr } }'],
    [
      'a field beside screening',
      '{ screening(group: MANDATORY) { totalCount } citizen(cpr: "CPR") { access { area } } }',
    ],
    [
      'giveConsent',
      'mutation { giveConsent(cpr: "CPR", areas: [EMPLOYMENT], validUntil: "2099-01-01") { id } }',
    ],
    ['withdrawConsent', 'mutation { withdrawConsent(cpr: "CPR") { id } }'],
    ['registerHoiCase', 'mutation { registerHoiCase(cpr: "CPR") { id } }'],
    ['declineHoi', 'mutation { declineHoi(cpr: "CPR", reason: "no") { id } }'],
  ];
  it.each(forbiddenShapes)('is FORBIDDEN %s, with no data', async (_what, query) => {
    const res = await system.query(query.replaceAll('CPR', cpr), undefined, screener);
    expect(code(res)).toBe('FORBIDDEN');
    expect(res.data ?? null).toBeNull();
    const text = JSON.stringify(res);
    for (const t of texts) expect(text).not.toContain(t);
  });

  it('is audited as seeing no area by the consent subgraph, and for the evaluation by screening', async () => {
    const before = (await system.store.readAudit({ citizenRef: system.pseudonymize(cpr) })).length;
    const res = await system.query(
      `{ citizen(cpr: "${cpr}") { hoiEligibility { mandatory } } }`,
      undefined,
      screener,
    );
    expect(res.errors).toBeUndefined();
    const consentAudit = (
      await system.store.readAudit({ citizenRef: system.pseudonymize(cpr) })
    ).slice(before);
    expect(consentAudit).toHaveLength(1);
    expect(consentAudit[0]).toMatchObject({
      role: 'screener',
      subject: 'screener-1',
      areas: [],
      bases: {},
    });
    const screeningAudit = await system.screening.store.readAudit({
      requestId: consentAudit[0]!.requestId,
    });
    expect(screeningAudit).toEqual([
      expect.objectContaining({
        purpose: 'HOI_ELIGIBILITY',
        role: 'screener',
        citizenRef: system.pseudonymize(cpr),
        areas: [
          'EMPLOYMENT',
          'SOCIAL_ADULT',
          'CHILDREN_FAMILY',
          'HEALTH',
          'EDUCATION',
          'ADDICTION',
        ],
      }),
    ]);
  });

  it('sees nothing when it reaches the subgraphs directly with a valid access context', async () => {
    const sign = createAccessContextSigner(system.accessContextSecret);
    const direct = async (
      subgraph: keyof System['subgraphUrls'],
      query: string,
      variables?: Record<string, unknown>,
      ctx?: Partial<AccessContext>,
    ) =>
      postGraphQL(
        system.subgraphUrls[subgraph],
        { query, variables },
        {
          [ACCESS_CONTEXT_HEADER]: await sign(
            {
              principal: { sub: 'screener-1', role: 'screener', areas: [] },
              requestId: 'direct-1',
              operationName: null,
              ...ctx,
            },
            { query, variables },
          ),
        },
      );
    const opened = await direct(
      'consent',
      `{ citizen(cpr: "${cpr}") { access { visible basis } accessGrant } }`,
    );
    const citizen = opened.data!.citizen as {
      access: { visible: boolean; basis: string }[];
      accessGrant: string;
    };
    expect(citizen.access.every((a) => !a.visible && a.basis === 'NONE')).toBe(true);
    const cases = await direct(
      'cases',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { cases { title } } } }',
      {
        r: [{ __typename: 'Citizen', cpr, accessGrant: citizen.accessGrant }],
      },
    );
    expect(cases.data).toEqual({ _entities: [{ cases: [] }] });
    expect(code(await direct('consent', `{ citizen(cpr: "${cpr}") { consent { status } } }`))).toBe(
      'FORBIDDEN',
    );
    expect(
      code(await direct('consent', `mutation { withdrawConsent(cpr: "${cpr}") { id } }`)),
    ).toBe('FORBIDDEN');
    expect(
      code(await direct('screening', `mutation { registerHoiCase(cpr: "${cpr}") { id } }`)),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await direct(
          'screening',
          `{ _entities(representations: [{ __typename: "Citizen", cpr: "${cpr}", accessGrant: "0.AAAAAAAAAAAAAAAAAAAAAA" }]) { ... on Citizen { hoiEligibility { mandatory } } } }`,
        ),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('other roles', () => {
  it('refuses screening to a citizen and to a caseworker', async () => {
    const c = findCitizen((x) => groupOfCitizen(x) !== null);
    for (const token of [
      await system.token({ role: 'citizen', sub: c.cpr }),
      await system.token({
        role: 'caseworker',
        sub: 'cw',
        areas: ['EMPLOYMENT', 'SOCIAL_ADULT', 'ADDICTION'],
      }),
    ]) {
      const res = await system.query(
        '{ screening(group: MANDATORY) { totalCount } }',
        undefined,
        token,
      );
      expect(code(res)).toBe('FORBIDDEN');
      expect(res.data ?? null).toBeNull();
    }
  });

  it('gives a citizen their own eligibility', async () => {
    const c = findCitizen((x) => groupOfCitizen(x) === 'OPTIONAL');
    const res = await system.query(
      '{ me { hoiEligibility { optional toBeOffered } } }',
      undefined,
      await system.token({ role: 'citizen', sub: c.cpr }),
    );
    expect(res.data).toEqual({ me: { hoiEligibility: { optional: true, toBeOffered: true } } });
  });

  it('gives a caseworker hoiEligibility only for citizens it may see, decided on what it sees', async () => {
    const c = findCitizen((x) => groupOfCitizen(x) === 'MANDATORY' && x.consents.length === 0);
    const query = `{ citizen(cpr: "${c.cpr}") { hoiEligibility { mandatory optional toBeOffered reasons } } }`;
    const none = await system.query(
      query,
      undefined,
      await system.token({ role: 'caseworker', sub: 'cw0', areas: [] }),
    );
    expect(code(none)).toBe('FORBIDDEN');
    const employmentOnly = await system.query(
      query,
      undefined,
      await system.token({ role: 'caseworker', sub: 'cw1', areas: ['EMPLOYMENT'] }),
    );
    const partial = (
      employmentOnly.data!.citizen as { hoiEligibility: { mandatory: boolean; reasons: string[] } }
    ).hoiEligibility;
    expect(partial.mandatory).toBe(false);
    expect(partial.reasons).toContainEqual(
      expect.stringMatching(/^MANDATORY\.ACTIVE_SOCIAL_INTERVENTION: UNKNOWN — .*not visible/),
    );
    const all = await system.query(
      query,
      undefined,
      await system.token({
        role: 'caseworker',
        sub: 'cw2',
        areas: [
          'EMPLOYMENT',
          'SOCIAL_ADULT',
          'CHILDREN_FAMILY',
          'HEALTH',
          'EDUCATION',
          'ADDICTION',
        ],
      }),
    );
    const asScreener = await system.query(query, undefined, screener);
    expect(all.data).toEqual(asScreener.data);
    expect(
      (all.data!.citizen as { hoiEligibility: { mandatory: boolean } }).hoiEligibility.mandatory,
    ).toBe(true);
  });
});

describe('batching', () => {
  it('evaluates 100 citizens with one screening request and one source call', async () => {
    const cprs = Array.from({ length: 100 }, (_, i) => system.dataset.cprAt(i * 53));
    const token = await system.token({
      role: 'caseworker',
      sub: 'cw-batch',
      areas: ['EMPLOYMENT', 'SOCIAL_ADULT', 'CHILDREN_FAMILY', 'HEALTH', 'EDUCATION', 'ADDICTION'],
    });
    const [calls, requests] = [system.screening.source.calls, system.screening.requests()];
    const res = await system.query(
      'query($c: [CPR!]!) { citizens(cprs: $c) { cpr hoiEligibility { mandatory optional } } }',
      { c: cprs },
      token,
    );
    expect(res.errors).toBeUndefined();
    const answers = res.data!.citizens as {
      cpr: string;
      hoiEligibility: { mandatory: boolean; optional: boolean };
    }[];
    expect(answers.map((a) => a.cpr)).toEqual(cprs);
    for (const a of answers) {
      const g = groupOfCitizen(system.dataset.byCpr(a.cpr)!);
      // groupOfCitizen leaves out citizens with an HOI case; the flags do not.
      if (g)
        expect(a.hoiEligibility).toEqual({
          mandatory: g === 'MANDATORY',
          optional: g === 'OPTIONAL',
        });
    }
    expect(system.screening.source.calls - calls).toBe(1);
    expect(system.screening.requests() - requests).toBe(1);
  });
});

describe('HOI decisions', () => {
  let caseworker: string;
  beforeAll(async () => {
    caseworker = await system.token({ role: 'caseworker', sub: 'cw-hoi', areas: ['EMPLOYMENT'] });
  });
  const decisions = new Map<string, HoiDecisions>();

  it('registerHoiCase takes the citizen off the next screening at once, durably flagged as HOI', async () => {
    const before = await page('MANDATORY', 3);
    const cpr = before.edges[1]!.node.cpr;
    const res = await system.query(
      `mutation { registerHoiCase(cpr: "${cpr}") { id hoi kle area status title } }`,
      undefined,
      caseworker,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerHoiCase).toMatchObject({
      hoi: true,
      kle: '15.17.30',
      area: 'EMPLOYMENT',
      status: 'Opstaaet',
    });
    decisions.set(cpr, { hoiCase: true, declined: false });
    const after = await page('MANDATORY', 3);
    expect(after.totalCount).toBe(before.totalCount - 1);
    expect(after.edges.map((e) => e.node.cpr)).not.toContain(cpr);
    // Also behind a cursor taken before the decision.
    const behind = await page('MANDATORY', 2, before.edges[0]!.cursor);
    expect(behind.edges.map((e) => e.node.cpr)).toEqual([
      before.edges[2]!.node.cpr,
      expect.any(String),
    ]);
    // Registering again returns the same case; the caseworker sees it on the citizen.
    const again = await system.query(
      `mutation { registerHoiCase(cpr: "${cpr}") { id } }`,
      undefined,
      caseworker,
    );
    expect(again.data!.registerHoiCase).toEqual({
      id: (res.data!.registerHoiCase as { id: string }).id,
    });
    const read = await system.query(
      `{ citizen(cpr: "${cpr}") { hoiCase { id hoi } hoiEligibility { mandatory toBeOffered } } }`,
      undefined,
      caseworker,
    );
    expect(read.data!.citizen).toMatchObject({
      hoiCase: { hoi: true },
      hoiEligibility: { toBeOffered: false },
    });
    // A decline cannot follow an HOI case.
    const decline = await system.query(
      `mutation { declineHoi(cpr: "${cpr}", reason: "changed mind") { id } }`,
      undefined,
      caseworker,
    );
    expect(code(decline)).toBe('BAD_USER_INPUT');
  });

  it('declineHoi takes the citizen off the next screening at once', async () => {
    const before = await page('OPTIONAL', 1);
    const cpr = before.edges[0]!.node.cpr;
    const res = await system.query(
      `mutation { declineHoi(cpr: "${cpr}", reason: "  Ønsker ikke HOI nu  ") { cpr kind reason decidedAt } }`,
      undefined,
      caseworker,
    );
    expect(res.data!.declineHoi).toMatchObject({
      cpr,
      kind: 'DECLINED',
      reason: 'Ønsker ikke HOI nu',
    });
    decisions.set(cpr, { hoiCase: false, declined: true });
    const after = await page('OPTIONAL', 1);
    expect(after.totalCount).toBe(before.totalCount - 1);
    expect(after.edges[0]!.node.cpr).not.toBe(cpr);
  });

  it('applies decisions recorded by another instance before the next page', async () => {
    const before = await page('MANDATORY', 1);
    const cpr = before.edges[0]!.node.cpr;
    await system.screening.store.recordDecline({
      id: 'other-instance-1',
      cpr,
      reason: 'recorded elsewhere',
      decidedAt: now.toISOString(),
      decidedBy: 'cw-x',
    });
    decisions.set(cpr, { hoiCase: false, declined: true });
    const after = await page('MANDATORY', 1);
    expect(after.totalCount).toBe(before.totalCount - 1);
  });

  it('still equals the brute-force evaluation with the decisions', async () => {
    await expectListsEqualBruteForce(decisions);
  });

  it('keeps decisions across a rebuild of the projection', async () => {
    await system.screening.refresh();
    await expectListsEqualBruteForce(decisions);
  });

  it('are for caseworkers with authority in EMPLOYMENT only, and need a reason', async () => {
    const cpr = (await page('OPTIONAL', 1)).edges[0]!.node.cpr;
    const tokens = [
      await system.token({ role: 'caseworker', sub: 'cw-health', areas: ['HEALTH'] }),
      await system.token({ role: 'citizen', sub: cpr }),
    ];
    for (const token of tokens) {
      expect(
        code(
          await system.query(
            `mutation { registerHoiCase(cpr: "${cpr}") { id } }`,
            undefined,
            token,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        code(
          await system.query(
            `mutation { declineHoi(cpr: "${cpr}", reason: "x") { id } }`,
            undefined,
            token,
          ),
        ),
      ).toBe('FORBIDDEN');
    }
    expect(
      code(
        await system.query(
          `mutation { declineHoi(cpr: "${cpr}", reason: "   ") { id } }`,
          undefined,
          caseworker,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      code(
        await system.query(
          `mutation { registerHoiCase(cpr: "123") { id } }`,
          undefined,
          caseworker,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect((await page('OPTIONAL', 1)).edges[0]!.node.cpr).toBe(cpr);
  });
});
