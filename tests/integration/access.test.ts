/**
 * Identity and consent-aware access (DESIGN §4) through the real gateway: tokens, roles,
 * the role × area × consent matrix, withdrawal and expiry, and direct subgraph requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTOR_AREAS, type SectorArea } from '@hoi/domain';
import { createAccessContextSigner } from '@hoi/access';
import { postGraphQL, signTestToken, startSystem, type System } from '../helpers/system.js';

let now = new Date();
let system: System;

const OVERVIEW = `query Overview($cpr: CPR!) { citizen(cpr: $cpr) {
  cpr access { area visible basis } consent { status areas }
  cases { area title } benefits { area name } interventions { area title } employment { contactGroup } } }`;

interface Overview {
  access: { area: SectorArea; visible: boolean; basis: string }[];
  consent: { status: string; areas: SectorArea[] } | null;
  cases: { area: SectorArea; title: string }[];
  benefits: { area: SectorArea }[];
  interventions: { area: SectorArea }[];
  employment: unknown;
}

/** A citizen with data in all six areas and no consent history in the dataset. */
function citizenWithAllAreas(system: System, skip = 0): string {
  let found = 0;
  for (let i = 0; i < system.dataset.size; i++) {
    const c = system.dataset.at(i);
    const areas = new Set([...c.cases, ...c.benefits, ...c.interventions].map((r) => r.area));
    if (areas.size >= 4 && c.employment && c.consents.length === 0 && found++ === skip)
      return c.cpr;
  }
  throw new Error('no such citizen');
}

async function overview(cpr: string, token: string): Promise<Overview> {
  const res = await system.query(OVERVIEW, { cpr }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.citizen as Overview;
}

function areasIn(o: Overview): Set<SectorArea> {
  return new Set([...o.cases, ...o.benefits, ...o.interventions].map((r) => r.area));
}

beforeAll(async () => {
  // The in-process cache, as `npm start` runs by default: every rule must hold through it.
  system = await startSystem({ clock: () => now, citizens: 10_000, cache: 'memory' });
});
afterAll(async () => system?.stop());

describe('authentication', () => {
  const cpr = '010180-1234';
  const cases: [string, () => Promise<string | undefined>][] = [
    ['a missing token', async () => undefined],
    ['a malformed token', async () => 'not.a.jwt'],
    [
      'an expired token',
      () => signTestToken({ sub: 'a', role: 'caseworker', areas: [] }, { expiresIn: '-1s' }),
    ],
    [
      'a wrong signature',
      () =>
        signTestToken(
          { sub: 'a', role: 'caseworker', areas: [] },
          { secret: 'another-secret-another-secret-0123456789' },
        ),
    ],
    [
      'a wrong issuer',
      () => signTestToken({ sub: 'a', role: 'caseworker', areas: [] }, { issuer: 'evil' }),
    ],
    [
      'a wrong audience',
      () => signTestToken({ sub: 'a', role: 'caseworker', areas: [] }, { audience: 'evil' }),
    ],
    ['an unknown role', () => signTestToken({ sub: 'a', role: 'admin', areas: [] })],
    [
      'malformed areas',
      () => signTestToken({ sub: 'a', role: 'caseworker', areas: ['EVERYTHING'] }),
    ],
    [
      'a citizen token whose sub is no CPR',
      () => signTestToken({ sub: 'nobody', role: 'citizen' }),
    ],
    [
      'alg none',
      async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const exp = Math.floor(Date.now() / 1000) + 600;
        return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: 'a', role: 'caseworker', areas: [...SECTOR_AREAS], iss: 'hoi-gateway-dev', aud: 'hoi-gateway', exp })}.`;
      },
    ],
  ];
  it.each(cases)('rejects %s as UNAUTHENTICATED with no data', async (_why, make) => {
    const res = await system.query(OVERVIEW, { cpr }, await make());
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });

  it('answers introspection and __typename without a token in development', async () => {
    expect((await system.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const res = await system.query('{ __schema { queryType { name } } }');
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('citizen role', () => {
  it('sees all of their own data as OWN_DATA, through me and citizen(cpr)', async () => {
    const cpr = citizenWithAllAreas(system);
    const token = await system.token({ role: 'citizen', sub: cpr.replace('-', '') });
    const own = await overview(cpr, token);
    expect(own.access.every((a) => a.visible && a.basis === 'OWN_DATA')).toBe(true);
    const record = system.dataset.byCpr(cpr)!;
    expect(own.cases).toHaveLength(record.cases.length);
    const me = await system.query('{ me { cpr cases { title } } }', undefined, token);
    expect(me.data).toEqual({ me: { cpr, cases: record.cases.map((c) => ({ title: c.title })) } });
  });

  it('is FORBIDDEN another citizen’s overview and gets no data', async () => {
    const token = await system.token({ role: 'citizen', sub: citizenWithAllAreas(system) });
    const res = await system.query(OVERVIEW, { cpr: citizenWithAllAreas(system, 1) }, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data ?? null).toBeNull();
  });

  it('is FORBIDDEN me as a caseworker', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw', areas: ['EMPLOYMENT'] });
    const res = await system.query('{ me { cpr } }', undefined, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('caseworker role × area × consent', () => {
  const consentStates = ['none', 'active', 'withdrawn', 'expired', 'other areas only'] as const;
  const authorities: SectorArea[][] = [
    [],
    ['EMPLOYMENT'],
    ['EMPLOYMENT', 'HEALTH'],
    [...SECTOR_AREAS],
  ];
  const consentAreas: SectorArea[] = ['SOCIAL_ADULT', 'ADDICTION', 'HEALTH'];

  for (const [s, state] of consentStates.entries()) {
    for (const [a, own] of authorities.entries()) {
      it(`shows exactly own ∪ consented areas (consent ${state}, authority [${own.join(',')}])`, async () => {
        const cpr = citizenWithAllAreas(system, 2 + s * authorities.length + a);
        const admin = await system.token({ role: 'caseworker', sub: 'registrar', areas: [] });
        const today = new Date(now).toISOString().slice(0, 10);
        const give = (areas: SectorArea[], validUntil: string) =>
          system.query(
            'mutation($cpr: CPR!, $areas: [SectorArea!]!, $v: Date!) { giveConsent(cpr: $cpr, areas: $areas, validUntil: $v) { status } }',
            { cpr, areas, v: validUntil },
            admin,
          );
        let consented: SectorArea[] = [];
        if (state === 'active') {
          expect((await give(consentAreas, '2099-12-31')).errors).toBeUndefined();
          consented = consentAreas;
        } else if (state === 'withdrawn') {
          await give(consentAreas, '2099-12-31');
          await system.query(
            'mutation($cpr: CPR!) { withdrawConsent(cpr: $cpr) { status } }',
            { cpr },
            admin,
          );
        } else if (state === 'expired') {
          await give(consentAreas, today);
        } else if (state === 'other areas only') {
          await give(['EDUCATION'], '2099-12-31');
          consented = ['EDUCATION'];
        }
        const saved = now;
        if (state === 'expired') now = new Date(now.getTime() + 3 * 86_400_000);
        try {
          const token = await system.token({ role: 'caseworker', sub: 'cw', areas: own });
          const o = await overview(cpr, token);
          const expected = new Set<SectorArea>([...own, ...consented]);
          for (const entry of o.access) {
            expect(entry.visible, entry.area).toBe(expected.has(entry.area));
            expect(entry.basis, entry.area).toBe(
              own.includes(entry.area)
                ? 'OWN_AUTHORITY'
                : consented.includes(entry.area)
                  ? 'CONSENT'
                  : 'NONE',
            );
          }
          expect(o.access.map((e) => e.area)).toEqual([...SECTOR_AREAS]);
          const record = system.dataset.byCpr(cpr)!;
          const dataAreas = new Set(
            [...record.cases, ...record.benefits, ...record.interventions].map((r) => r.area),
          );
          expect(areasIn(o)).toEqual(new Set([...dataAreas].filter((x) => expected.has(x))));
          expect(o.employment === null).toBe(!expected.has('EMPLOYMENT'));
          // Never given: no consent at all, not an empty or inactive one.
          if (state === 'none') expect(o.consent).toBeNull();
          else
            expect(o.consent?.status).toBe(
              {
                active: 'ACTIVE',
                withdrawn: 'WITHDRAWN',
                expired: 'EXPIRED',
                'other areas only': 'ACTIVE',
              }[state],
            );
        } finally {
          now = saved;
        }
      });
    }
  }
});

describe('consent writes', () => {
  const give =
    'mutation($cpr: CPR!, $areas: [SectorArea!]!, $v: Date!) { giveConsent(cpr: $cpr, areas: $areas, validUntil: $v) { id status areas validUntil withdrawnAt } }';
  const withdraw = 'mutation($cpr: CPR!) { withdrawConsent(cpr: $cpr) { id status withdrawnAt } }';

  it('withdrawal is immediate: the very next read no longer shows the area', async () => {
    const cpr = citizenWithAllAreas(system, 40);
    const area = system.dataset.byCpr(cpr)!.cases.find((c) => c.area !== 'EMPLOYMENT')!.area;
    const cw = await system.token({ role: 'caseworker', sub: 'cw', areas: ['EMPLOYMENT'] });
    await system.query(give, { cpr, areas: [area], v: '2099-01-01' }, cw);
    expect(areasIn(await overview(cpr, cw)).has(area)).toBe(true);
    const res = await system.query(withdraw, { cpr }, cw);
    expect((res.data!.withdrawConsent as { status: string }).status).toBe('WITHDRAWN');
    const after = await overview(cpr, cw);
    expect(areasIn(after).has(area)).toBe(false);
    expect(after.access.find((a) => a.area === area)).toEqual({
      area,
      visible: false,
      basis: 'NONE',
    });
  });

  it('expires the moment validUntil ends in Copenhagen, without any write', async () => {
    const cpr = citizenWithAllAreas(system, 41);
    const cw = await system.token({ role: 'caseworker', sub: 'cw', areas: [] });
    const saved = now;
    try {
      const area = system.dataset.byCpr(cpr)!.cases.find((c) => c.area !== 'EMPLOYMENT')!.area;
      now = new Date('2030-06-15T10:00:00Z');
      await system.query(give, { cpr, areas: [area], v: '2030-06-15' }, cw);
      now = new Date('2030-06-15T21:59:59Z'); // 23:59:59 in Copenhagen (CEST)
      expect(areasIn(await overview(cpr, cw)).has(area)).toBe(true);
      now = new Date('2030-06-15T22:00:01Z'); // one second after the day ended
      const o = await overview(cpr, cw);
      expect(areasIn(o).has(area)).toBe(false);
      expect(o.consent?.status).toBe('EXPIRED');
    } finally {
      now = saved;
    }
  });

  it('replaces an ACTIVE consent, keeping the old one as WITHDRAWN', async () => {
    const cpr = citizenWithAllAreas(system, 42);
    const cw = await system.token({ role: 'caseworker', sub: 'cw', areas: [] });
    const first = (await system.query(give, { cpr, areas: ['HEALTH'], v: '2099-01-01' }, cw)).data!
      .giveConsent as { id: string };
    const second = (await system.query(give, { cpr, areas: ['EDUCATION'], v: '2099-01-01' }, cw))
      .data!.giveConsent as { id: string; status: string };
    expect(second.status).toBe('ACTIVE');
    const history = (await system.store.historyMany([cpr])).get(cpr)!;
    expect(history.find((c) => c.id === first.id)?.status).toBe('WITHDRAWN');
    expect(history.filter((c) => c.status === 'ACTIVE').map((c) => c.id)).toEqual([second.id]);
  });

  it('rejects empty areas and a past validUntil as BAD_USER_INPUT', async () => {
    const cw = await system.token({ role: 'caseworker', sub: 'cw', areas: [] });
    const cpr = citizenWithAllAreas(system, 43);
    expect(
      (await system.query(give, { cpr, areas: [], v: '2099-01-01' }, cw)).errors?.[0]?.extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await system.query(give, { cpr, areas: ['HEALTH'], v: '2001-01-01' }, cw)).errors?.[0]
        ?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await system.query(give, { cpr: '12', areas: ['HEALTH'], v: '2099-01-01' }, cw)).errors?.[0]
        ?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('withdrawing without any consent ever is NOT_FOUND; with none ACTIVE returns the latest unchanged', async () => {
    const cw = await system.token({ role: 'caseworker', sub: 'cw', areas: [] });
    expect(
      (await system.query(withdraw, { cpr: '010170-1234' }, cw)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    const cpr = citizenWithAllAreas(system, 44);
    await system.query(give, { cpr, areas: ['HEALTH'], v: '2099-01-01' }, cw);
    const a = (await system.query(withdraw, { cpr }, cw)).data!.withdrawConsent;
    const b = (await system.query(withdraw, { cpr }, cw)).data!.withdrawConsent;
    expect(b).toEqual(a);
  });

  it('lets a citizen give and withdraw their own consent, but not another’s', async () => {
    const cpr = citizenWithAllAreas(system, 45);
    const token = await system.token({ role: 'citizen', sub: cpr });
    expect(
      (await system.query(give, { cpr, areas: ['HEALTH'], v: '2099-01-01' }, token)).errors,
    ).toBeUndefined();
    expect((await system.query(withdraw, { cpr }, token)).errors).toBeUndefined();
    const other = citizenWithAllAreas(system, 46);
    expect(
      (await system.query(give, { cpr: other, areas: ['HEALTH'], v: '2099-01-01' }, token))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});

describe('audit', () => {
  it('appends exactly one record per read request, with the areas and bases returned', async () => {
    const cpr = citizenWithAllAreas(system, 50);
    const cw = await system.token({
      role: 'caseworker',
      sub: 'cw-audit',
      areas: ['EMPLOYMENT', 'HEALTH'],
    });
    const ids = ['audit-req-1', 'audit-req-2', 'audit-req-3'];
    for (const id of ids) {
      const res = await postGraphQL(
        system.url,
        { query: OVERVIEW, variables: { cpr }, operationName: 'Overview' },
        { authorization: `Bearer ${cw}`, 'x-request-id': id },
      );
      expect(res.errors).toBeUndefined();
    }
    const records = await system.store.readAudit({ citizenRef: system.pseudonymize(cpr) });
    expect(records.map((r) => r.requestId)).toEqual(ids);
    for (const r of records) {
      expect(r).toMatchObject({
        subject: 'cw-audit',
        role: 'caseworker',
        operationName: 'Overview',
        areas: ['EMPLOYMENT', 'HEALTH'],
        bases: { EMPLOYMENT: 'OWN_AUTHORITY', HEALTH: 'OWN_AUTHORITY' },
      });
      expect(JSON.stringify(r)).not.toContain(cpr.slice(0, 6));
    }
  });
});

describe('direct subgraph requests', () => {
  const entitiesQuery = (cpr: string, accessGrant = '63.0.0.AAAAAAAAAAAAAAAAAAAAAA') => ({
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { cases { title } } } }',
    variables: { r: [{ __typename: 'Citizen', cpr, accessGrant }] },
  });
  const bodyOf = (name: string, cpr: string) =>
    name === 'consent'
      ? { query: `{ citizen(cpr: "${cpr}") { consent { id } } }` }
      : entitiesQuery(cpr);
  const allAreas = {
    principal: { sub: 'x', role: 'caseworker' as const, areas: [...SECTOR_AREAS] },
    requestId: 'r',
    operationName: null,
  };

  it('answers nothing without, with a forged, an expired or another body’s access context', async () => {
    const cpr = citizenWithAllAreas(system, 60);
    for (const name of ['consent', 'cases', 'benefits', 'interventions', 'employment'] as const) {
      const body = bodyOf(name, cpr);
      const forged = await createAccessContextSigner('a-forged-secret-a-forged-secret-0123456789')(
        allAreas,
        body,
      );
      const expired = await createAccessContextSigner(system.accessContextSecret)(
        allAreas,
        body,
        Date.now() - 120_000,
      );
      // Valid, but signed for another request: a captured header is good for nothing else.
      const otherBody = await createAccessContextSigner(system.accessContextSecret)(
        allAreas,
        bodyOf(name, citizenWithAllAreas(system, 62)),
      );
      for (const header of [undefined, forged, expired, otherBody, 'garbage']) {
        const res = await postGraphQL(
          system.subgraphUrls[name],
          body,
          header ? { 'x-hoi-access-context': header } : {},
        );
        expect(res.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
        expect(res.data ?? null, name).toBeNull();
      }
    }
  });

  it('gives a valid access context with a forged grant nothing', async () => {
    const cpr = citizenWithAllAreas(system, 61);
    const body = entitiesQuery(cpr);
    const valid = await createAccessContextSigner(system.accessContextSecret)(
      {
        principal: { sub: 'x', role: 'caseworker', areas: [] },
        requestId: 'r',
        operationName: null,
      },
      body,
    );
    const res = await postGraphQL(system.subgraphUrls.cases, body, {
      'x-hoi-access-context': valid,
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toMatch(/title":"/);
  });

  it('a grant replayed after withdrawal, with another principal’s fresh context, opens nothing', async () => {
    const cpr = citizenWithAllAreas(system, 63);
    const holder = await system.token({ role: 'caseworker', sub: 'cw-holder', areas: [] });
    await system.query(
      'mutation G($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [EMPLOYMENT, SOCIAL_ADULT, CHILDREN_FAMILY, HEALTH, EDUCATION, ADDICTION], validUntil: "2099-12-31") { id } }',
      { cpr },
      holder,
    );
    // The grant the consent subgraph decided for cw-holder, as a captured representation holds it.
    const opened = await postGraphQL(
      system.subgraphUrls.consent,
      { query: `{ citizen(cpr: "${cpr}") { accessGrant } }` },
      {
        'x-hoi-access-context': await createAccessContextSigner(system.accessContextSecret)(
          {
            principal: { sub: 'cw-holder', role: 'caseworker', areas: [] },
            requestId: 'g',
            operationName: null,
          },
          { query: `{ citizen(cpr: "${cpr}") { accessGrant } }` },
        ),
      },
    );
    const grant = (opened.data?.citizen as { accessGrant: string }).accessGrant;
    expect(grant).toMatch(/^63\./);
    await system.query(
      'mutation W($cpr: CPR!) { withdrawConsent(cpr: $cpr) { id } }',
      { cpr },
      holder,
    );

    const fields: Record<string, string> = {
      cases: 'cases { id }',
      benefits: 'benefits { id }',
      interventions: 'interventions { id }',
      employment: 'employment { contactGroup }',
      plan: 'hoiPlan { id } timeline { id }',
      screening: 'hoiEligibility { mandatory }',
    };
    for (const [name, selection] of Object.entries(fields)) {
      const body = {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { ${selection} } } }`,
        variables: { r: [{ __typename: 'Citizen', cpr, accessGrant: grant }] },
      };
      const other = await createAccessContextSigner(system.accessContextSecret)(
        {
          principal: { sub: 'cw-attacker', role: 'caseworker', areas: [] },
          requestId: 'a',
          operationName: null,
        },
        body,
      );
      const res = await postGraphQL(
        system.subgraphUrls[name as keyof typeof system.subgraphUrls],
        body,
        {
          'x-hoi-access-context': other,
        },
      );
      expect(res.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
      expect(JSON.stringify(res.data ?? null), name).not.toMatch(
        /"id":"|contactGroup":"|mandatory":/,
      );
    }
  });
});
