/**
 * The joint HOI plan and the timeline through the real gateway (DESIGN §3a): the role × area
 * × consent matrix record by record against an all-areas caseworker, every error of the
 * plan writes, write auditing, failing closed, and one request per subgraph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTOR_AREAS, type SectorArea } from '@hoi/domain';
import { createAccessGrants } from '@hoi/access';
import { createLogger } from '@hoi/platform';
import { composePlan, loadPlanConfig } from '@hoi/subgraph-plan';
import { startSystem, type GraphQLResponse, type System } from '../helpers/system.js';

let now = new Date();
let system: System;

const PLAN = `hoiPlan { id status version overallGoal createdAt revisedAt nextFollowUp
  subGoals { id area text targetDate status } agreements { id area text dueDate status citizenComment }
  meetings { id area title start end conflictsWith } }`;
const TIMELINE = 'timeline { id kind area title start end status }';
const READ = `query PlanAndTimeline($cpr: CPR!) { citizen(cpr: $cpr) {
  access { area visible basis } cases { id } benefits { id } interventions { id } ${PLAN} ${TIMELINE} } }`;
const READ_ME = `query MyPlan { me { access { area visible } cases { id } benefits { id } interventions { id } ${PLAN} ${TIMELINE} } }`;

interface Element {
  id: string;
  area: SectorArea;
}
interface Meeting extends Element {
  conflictsWith: string[];
}
interface Plan {
  id: string;
  status: string;
  version: number;
  overallGoal: string;
  subGoals: (Element & { status: string })[];
  agreements: (Element & { citizenComment: string | null })[];
  meetings: Meeting[];
}
interface Item extends Element {
  kind: string;
  start: string;
  end: string | null;
}
interface Read {
  access: { area: SectorArea; visible: boolean; basis: string }[];
  cases: { id: string }[];
  benefits: { id: string }[];
  interventions: { id: string }[];
  hoiPlan: Plan | null;
  timeline: Item[];
}

const tokens = {} as Record<
  'all' | 'employment' | 'none' | 'screener' | 'citizen' | 'otherCitizen',
  string
>;
let cpr: string;
let planId: string;
let reference: Read;

/** A citizen with data in several areas and no consent history in the dataset. */
function citizenWithManyAreas(skip: number): string {
  let found = 0;
  for (let i = 0; i < system.dataset.size; i++) {
    const c = system.dataset.at(i);
    const areas = new Set([...c.cases, ...c.benefits, ...c.interventions].map((r) => r.area));
    if (areas.size >= 4 && c.consents.length === 0 && found++ === skip) return c.cpr;
  }
  throw new Error('no such citizen');
}

function codes(res: GraphQLResponse): unknown[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}

async function mutate(
  token: string,
  field: string,
  args: string,
  variables: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const decl = Object.keys(variables)
    .map((k) => `$${k}: ${VARIABLE_TYPES[k]}`)
    .join(', ');
  return system.query(
    `mutation Write(${decl}) { ${field}(${args}) { id version status overallGoal subGoals { id area } agreements { id area citizenComment } meetings { id area conflictsWith } } }`,
    variables,
    token,
  );
}

const VARIABLE_TYPES: Record<string, string> = {
  cpr: 'CPR!',
  goal: 'String!',
  planId: 'ID!',
  v: 'Int!',
  area: 'SectorArea!',
  text: 'String!',
  date: 'Date',
  start: 'DateTime!',
  end: 'DateTime!',
  id: 'ID!',
  status: 'GoalStatus!',
  planStatus: 'PlanStatus!',
};

async function version(): Promise<number> {
  const res = await system.query(READ, { cpr }, tokens.all);
  return (res.data!.citizen as Read).hoiPlan!.version;
}

async function addSubGoal(
  token: string,
  area: SectorArea,
  text = `Delmål i ${area}`,
  date: string | null = '2026-12-15',
) {
  return mutate(
    token,
    'addSubGoal',
    'planId: $planId, expectedVersion: $v, area: $area, text: $text, targetDate: $date',
    {
      planId,
      v: await version(),
      area,
      text,
      date,
    },
  );
}

async function giveConsent(areas: SectorArea[], validUntil = '2099-12-31') {
  const res = await system.query(
    'mutation Give($cpr: CPR!, $areas: [SectorArea!]!, $until: Date!) { giveConsent(cpr: $cpr, areas: $areas, validUntil: $until) { status } }',
    { cpr, areas, until: validUntil },
    tokens.all,
  );
  expect(res.errors).toBeUndefined();
}

async function withdrawConsent() {
  const res = await system.query(
    'mutation W($cpr: CPR!) { withdrawConsent(cpr: $cpr) { status } }',
    { cpr },
    tokens.all,
  );
  expect(res.errors).toBeUndefined();
}

beforeAll(async () => {
  system = await startSystem({ clock: () => now });
  tokens.all = await system.token({ role: 'caseworker', sub: 'cw-all', areas: [...SECTOR_AREAS] });
  tokens.employment = await system.token({
    role: 'caseworker',
    sub: 'cw-emp',
    areas: ['EMPLOYMENT'],
  });
  tokens.none = await system.token({ role: 'caseworker', sub: 'cw-none', areas: [] });
  tokens.screener = await system.token({ role: 'screener', sub: 'screener-1' });
  cpr = citizenWithManyAreas(0);
  tokens.citizen = await system.token({ role: 'citizen', sub: cpr });
  tokens.otherCitizen = await system.token({ role: 'citizen', sub: citizenWithManyAreas(1) });

  // The plan, written by an all-areas caseworker: one sub-goal and agreement per area, and
  // three meetings: EMPLOYMENT 08–09, HEALTH 08:30–09:30, SOCIAL_ADULT 09–10 (UTC).
  await giveConsent([...SECTOR_AREAS]);
  const created = await mutate(tokens.all, 'createHoiPlan', 'cpr: $cpr, overallGoal: $goal', {
    cpr,
    goal: '  Jeg vil gerne have et arbejde og en hverdag, der hænger sammen  ',
  });
  expect(created.errors).toBeUndefined();
  planId = (created.data!.createHoiPlan as Plan).id;
  for (const area of SECTOR_AREAS) {
    expect((await addSubGoal(tokens.all, area)).errors).toBeUndefined();
    const agreed = await mutate(
      tokens.all,
      'addAgreement',
      'planId: $planId, expectedVersion: $v, area: $area, text: $text, dueDate: $date',
      {
        planId,
        v: await version(),
        area,
        text: `Aftale i ${area}`,
        date: null,
      },
    );
    expect(agreed.errors).toBeUndefined();
  }
  const meetings: [SectorArea, string, string][] = [
    ['EMPLOYMENT', '2026-12-01T08:00:00Z', '2026-12-01T09:00:00Z'],
    ['HEALTH', '2026-12-01T09:30:00+01:00', '2026-12-01T10:30:00+01:00'],
    ['SOCIAL_ADULT', '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00Z'],
  ];
  for (const [area, start, end] of meetings) {
    const res = await mutate(
      tokens.all,
      'scheduleMeeting',
      'planId: $planId, expectedVersion: $v, area: $area, title: $text, start: $start, end: $end',
      {
        planId,
        v: await version(),
        area,
        text: `Møde i ${area}`,
        start,
        end,
      },
    );
    expect(res.errors).toBeUndefined();
  }
  const res = await system.query(READ, { cpr }, tokens.all);
  expect(res.errors).toBeUndefined();
  reference = res.data!.citizen as Read;
});
afterAll(async () => system?.stop());

describe('the plan as written', () => {
  it('holds every element, a bumped version and conflicts on instants', () => {
    const plan = reference.hoiPlan!;
    expect(plan).toMatchObject({
      id: planId,
      status: 'DRAFT',
      version: 1 + 6 + 6 + 3,
      overallGoal: 'Jeg vil gerne have et arbejde og en hverdag, der hænger sammen',
    });
    expect(new Set(plan.subGoals.map((g) => g.area))).toEqual(new Set(SECTOR_AREAS));
    const byArea = Object.fromEntries(plan.meetings.map((m) => [m.area, m]));
    // 08:00–09:00 touches 09:00–10:00 without overlapping; HEALTH (08:30–09:30 UTC) overlaps both.
    expect(byArea.EMPLOYMENT!.conflictsWith).toEqual([byArea.HEALTH!.id]);
    expect(byArea.SOCIAL_ADULT!.conflictsWith).toEqual([byArea.HEALTH!.id]);
    expect(byArea.HEALTH!.conflictsWith).toEqual(
      [byArea.EMPLOYMENT!.id, byArea.SOCIAL_ADULT!.id].sort(),
    );
    expect(plan.meetings.map((m) => m.area)).toEqual(['EMPLOYMENT', 'HEALTH', 'SOCIAL_ADULT']);
  });

  it('has a timeline of every kind, sorted by start then id, made of the visible lists', () => {
    const kinds = new Set(reference.timeline.map((i) => i.kind));
    expect(kinds).toEqual(
      new Set(
        ['CASE', 'BENEFIT', 'INTERVENTION', 'SUB_GOAL', 'AGREEMENT', 'MEETING']
          .filter((k) => k !== 'BENEFIT' || reference.benefits.length > 0)
          .filter((k) => k !== 'INTERVENTION' || reference.interventions.length > 0),
      ),
    );
    const sorted = [...reference.timeline].sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1,
    );
    expect(reference.timeline).toEqual(sorted);
    const ids = (kind: string) =>
      reference.timeline
        .filter((i) => i.kind === kind)
        .map((i) => i.id)
        .sort();
    expect(ids('CASE')).toEqual(reference.cases.map((c) => c.id).sort());
    expect(ids('BENEFIT')).toEqual(reference.benefits.map((c) => c.id).sort());
    expect(ids('INTERVENTION')).toEqual(reference.interventions.map((c) => c.id).sort());
    expect(ids('MEETING')).toEqual(reference.hoiPlan!.meetings.map((m) => m.id).sort());
    const meeting = reference.timeline.find((i) => i.kind === 'MEETING')!;
    expect(meeting).toMatchObject({ start: '2026-12-01', end: '2026-12-01', status: 'SCHEDULED' });
  });

  it('keeps only items whose period overlaps [from, to]', async () => {
    const res = await system.query(
      'query T($cpr: CPR!) { citizen(cpr: $cpr) { timeline(from: "2026-12-01", to: "2026-12-01") { id kind start end } } }',
      { cpr },
      tokens.all,
    );
    expect(res.errors).toBeUndefined();
    const items = (res.data!.citizen as { timeline: Item[] }).timeline;
    const expected = reference.timeline.filter(
      (i) =>
        i.start <= '2026-12-01' &&
        (i.end ?? (['CASE', 'BENEFIT', 'INTERVENTION'].includes(i.kind) ? '9999' : i.start)) >=
          '2026-12-01',
    );
    expect(items.map((i) => i.id)).toEqual(expected.map((i) => i.id));
    expect(items.filter((i) => i.kind === 'MEETING')).toHaveLength(3);
    const bad = await system.query(
      'query T($cpr: CPR!) { citizen(cpr: $cpr) { timeline(from: "2026-12-02", to: "2026-12-01") { id } } }',
      { cpr },
      tokens.all,
    );
    expect(codes(bad)).toContain('BAD_USER_INPUT');
  });

  it('answers an overview with plan and timeline with one request per subgraph', async () => {
    const before = { ...system.subgraphRequests, plan: system.plan.requests() };
    const res = await system.query(READ, { cpr }, tokens.all);
    expect(res.errors).toBeUndefined();
    const after = { ...system.subgraphRequests, plan: system.plan.requests() };
    for (const name of ['consent', 'cases', 'benefits', 'interventions', 'plan'] as const) {
      expect(after[name] - before[name], name).toBe(1);
    }
  });
});

/** What `token` sees, checked record by record against the all-areas reference. */
async function expectMatrix(token: string, visible: SectorArea[], query = READ, field = 'citizen') {
  const res = await system.query(query, query === READ ? { cpr } : {}, token);
  expect(res.errors).toBeUndefined();
  const read = res.data![field] as Read;
  const shown = new Set(read.access.filter((a) => a.visible).map((a) => a.area));
  expect(shown).toEqual(new Set(visible));
  const keep = <T extends Element>(list: T[]) => list.filter((e) => shown.has(e.area));
  const ref = reference.hoiPlan!;
  if (visible.length === 0) {
    expect(read.hoiPlan).toBeNull();
  } else {
    expect(read.hoiPlan).toMatchObject({
      id: ref.id,
      version: ref.version,
      overallGoal: ref.overallGoal,
    });
    expect(read.hoiPlan!.subGoals).toEqual(keep(ref.subGoals));
    expect(read.hoiPlan!.agreements).toEqual(keep(ref.agreements));
    const visibleMeetings = new Set(keep(ref.meetings).map((m) => m.id));
    expect(read.hoiPlan!.meetings).toEqual(
      keep(ref.meetings).map((m) => ({
        ...m,
        conflictsWith: m.conflictsWith.filter((id) => visibleMeetings.has(id)),
      })),
    );
  }
  expect(read.timeline).toEqual(keep(reference.timeline));
  // Never wider than the lists of the same answer.
  expect(
    read.timeline
      .filter((i) => i.kind === 'CASE')
      .map((i) => i.id)
      .sort(),
  ).toEqual(read.cases.map((c) => c.id).sort());
}

describe('the role × area × consent matrix, record by record', () => {
  it('own authority plus a consent subset, no areas, the citizen, a screener', async () => {
    await giveConsent(['SOCIAL_ADULT', 'HEALTH']);
    await expectMatrix(tokens.employment, ['EMPLOYMENT', 'SOCIAL_ADULT', 'HEALTH']);
    await expectMatrix(tokens.none, ['SOCIAL_ADULT', 'HEALTH']);
    await expectMatrix(tokens.citizen, [...SECTOR_AREAS], READ_ME, 'me');
    const screener = await system.query(READ, { cpr }, tokens.screener);
    expect(codes(screener)).toContain('FORBIDDEN');
    expect(JSON.stringify(screener.data ?? null)).not.toContain('Aftale');
  });

  it('after withdrawal: own authority only; nothing without it', async () => {
    await withdrawConsent();
    await expectMatrix(tokens.employment, ['EMPLOYMENT']);
    await expectMatrix(tokens.none, []);
  });

  it('until a consent expires and after', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(now);
    await giveConsent(['ADDICTION', 'EDUCATION'], today);
    await expectMatrix(tokens.none, ['ADDICTION', 'EDUCATION']);
    const saved = now;
    now = new Date(saved.getTime() + 2 * 86_400_000);
    try {
      await expectMatrix(tokens.none, []);
      await expectMatrix(tokens.employment, ['EMPLOYMENT']);
    } finally {
      now = saved;
    }
    await withdrawConsent();
  });
});

describe('plan writes', () => {
  it('createHoiPlan: FAILED_PRECONDITION without an ACTIVE consent, ALREADY_EXISTS for a second', async () => {
    const other = citizenWithManyAreas(2);
    const res = await mutate(tokens.all, 'createHoiPlan', 'cpr: $cpr, overallGoal: $goal', {
      cpr: other,
      goal: 'Mål',
    });
    expect(codes(res)).toEqual(['FAILED_PRECONDITION']);
    expect((await system.plan.store.byCitizens([other])).size).toBe(0);
    const again = await mutate(tokens.all, 'createHoiPlan', 'cpr: $cpr, overallGoal: $goal', {
      cpr,
      goal: 'Mål',
    });
    expect(codes(again)).toEqual(['ALREADY_EXISTS']);
  });

  it('FORBIDDEN: no own authority in the area, no areas at all, a citizen, a screener', async () => {
    const v = await version();
    expect(codes(await addSubGoal(tokens.employment, 'HEALTH'))).toEqual(['FORBIDDEN']);
    expect(codes(await addSubGoal(tokens.citizen, 'HEALTH'))).toEqual(['FORBIDDEN']);
    expect(codes(await addSubGoal(tokens.screener, 'EMPLOYMENT'))).toEqual(['FORBIDDEN']);
    for (const token of [tokens.none, tokens.citizen, tokens.screener]) {
      const res = await mutate(token, 'createHoiPlan', 'cpr: $cpr, overallGoal: $goal', {
        cpr,
        goal: 'Mål',
      });
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
    const healthGoal = reference.hoiPlan!.subGoals.find((g) => g.area === 'HEALTH')!;
    const res = await mutate(
      tokens.employment,
      'setSubGoalStatus',
      'planId: $planId, expectedVersion: $v, subGoalId: $id, status: $status',
      {
        planId,
        v,
        id: healthGoal.id,
        status: 'ACHIEVED',
      },
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(await version()).toBe(v);
  });

  it('own authority in the area is enough, without any consent', async () => {
    const res = await addSubGoal(tokens.employment, 'EMPLOYMENT', 'Komme i praktik');
    expect(res.errors).toBeUndefined();
    const plan = res.data!.addSubGoal as Plan;
    // The answer shows what this caseworker may see: EMPLOYMENT only (no consent now).
    expect(new Set(plan.subGoals.map((g) => g.area))).toEqual(new Set(['EMPLOYMENT']));
  });

  it('VERSION_CONFLICT writes nothing', async () => {
    const v = await version();
    const res = await mutate(
      tokens.all,
      'addAgreement',
      'planId: $planId, expectedVersion: $v, area: $area, text: $text',
      {
        planId,
        v: v - 1,
        area: 'HEALTH',
        text: 'For sent',
      },
    );
    expect(codes(res)).toEqual(['VERSION_CONFLICT']);
    const after = (await system.query(READ, { cpr }, tokens.all)).data!.citizen as Read;
    expect(after.hoiPlan!.version).toBe(v);
    expect(after.hoiPlan!.agreements.map((a) => a.id)).not.toContain(undefined);
    expect(
      after.hoiPlan!.agreements.some((a) => (a as { text?: string }).text === 'For sent'),
    ).toBe(false);
  });

  it('BAD_USER_INPUT: empty, blank or over-long text, end <= start, a DateTime without offset or date', async () => {
    const v = await version();
    expect(codes(await addSubGoal(tokens.all, 'HEALTH', ''))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await addSubGoal(tokens.all, 'HEALTH', ' \n\t '))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await addSubGoal(tokens.all, 'HEALTH', 'x'.repeat(2001)))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect((await addSubGoal(tokens.all, 'HEALTH', 'æ'.repeat(2000))).errors).toBeUndefined();
    const meeting = (start: string, end: string) =>
      mutate(
        tokens.all,
        'scheduleMeeting',
        'planId: $planId, expectedVersion: $v, area: $area, title: $text, start: $start, end: $end',
        {
          planId,
          v: v + 1,
          area: 'HEALTH',
          text: 'Møde',
          start,
          end,
        },
      );
    expect(codes(await meeting('2026-12-02T09:00:00Z', '2026-12-02T09:00:00Z'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await meeting('2026-12-02T10:00:00+01:00', '2026-12-02T08:30:00Z'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await meeting('2026-12-02T09:00:00', '2026-12-02T10:00:00'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await meeting('2026-02-30T09:00:00Z', '2026-03-01T10:00:00Z'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await version()).toBe(v + 1);
  });

  it('commentOnAgreement: the citizen only, on their own plan', async () => {
    const agreement = reference.hoiPlan!.agreements[0]!;
    const comment = (token: string) =>
      mutate(
        token,
        'commentOnAgreement',
        'planId: $planId, expectedVersion: $v, agreementId: $id, comment: $text',
        {
          planId,
          v: 0,
          id: agreement.id,
          text: 'Det vil jeg gerne prøve',
        },
      );
    expect(codes(await comment(tokens.all))).toEqual(['FORBIDDEN']);
    expect(codes(await comment(tokens.otherCitizen))).toEqual(['FORBIDDEN']);
    const res = await mutate(
      tokens.citizen,
      'commentOnAgreement',
      'planId: $planId, expectedVersion: $v, agreementId: $id, comment: $text',
      {
        planId,
        v: await version(),
        id: agreement.id,
        text: 'Det vil jeg gerne prøve',
      },
    );
    expect(res.errors).toBeUndefined();
    const plan = res.data!.commentOnAgreement as Plan;
    expect(plan.agreements.find((a) => a.id === agreement.id)?.citizenComment).toBe(
      'Det vil jeg gerne prøve',
    );
    // The citizen sees their whole plan in the answer.
    expect(new Set(plan.agreements.map((a) => a.area))).toEqual(new Set(SECTOR_AREAS));
  });

  it('a CLOSED plan rejects writes with FAILED_PRECONDITION', async () => {
    const other = citizenWithManyAreas(3);
    await system.query(
      'mutation Give($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [EMPLOYMENT], validUntil: "2099-12-31") { status } }',
      { cpr: other },
      tokens.all,
    );
    const created = await mutate(
      tokens.employment,
      'createHoiPlan',
      'cpr: $cpr, overallGoal: $goal',
      { cpr: other, goal: 'Mål' },
    );
    expect(created.errors).toBeUndefined();
    const id = (created.data!.createHoiPlan as Plan).id;
    const closed = await mutate(
      tokens.employment,
      'setPlanStatus',
      'planId: $planId, expectedVersion: $v, status: $planStatus',
      {
        planId: id,
        v: 1,
        planStatus: 'CLOSED',
      },
    );
    expect(closed.errors).toBeUndefined();
    const res = await mutate(
      tokens.employment,
      'addAgreement',
      'planId: $planId, expectedVersion: $v, area: $area, text: $text',
      {
        planId: id,
        v: 2,
        area: 'EMPLOYMENT',
        text: 'Aftale',
      },
    );
    expect(codes(res)).toEqual(['FAILED_PRECONDITION']);
  });

  it('audits every write at the consent subgraph before it is made', async () => {
    const before = (await system.store.readAudit({ citizenRef: system.pseudonymize(cpr) })).length;
    expect((await addSubGoal(tokens.employment, 'EMPLOYMENT', 'Auditeret')).errors).toBeUndefined();
    const after = await system.store.readAudit({ citizenRef: system.pseudonymize(cpr) });
    // version() reads once (audited) and the write once.
    expect(after.length - before).toBe(2);
    expect(after.at(-1)).toMatchObject({
      subject: 'cw-emp',
      role: 'caseworker',
      operationName: 'Write',
    });
  });

  it('fails closed: with the consent subgraph unreachable nothing is written', async () => {
    const logger = createLogger('test', { level: 'silent' });
    const service = await composePlan(
      loadPlanConfig({
        ACCESS_CONTEXT_SECRET: system.accessContextSecret,
        CONSENT_URL: 'http://127.0.0.1:9/graphql',
        PLAN_DEMO_CITIZENS: '0',
      }),
      { logger, store: system.plan.store, dataset: system.dataset, cache: null },
    );
    try {
      const v = await version();
      const res = await service.apollo.executeOperation(
        {
          query:
            'mutation A($id: ID!, $v: Int!) { addSubGoal(planId: $id, expectedVersion: $v, area: EMPLOYMENT, text: "Nej") { version } }',
          variables: { id: planId, v },
        },
        {
          contextValue: service.contextFor({
            principal: { sub: 'cw-emp', role: 'caseworker', areas: ['EMPLOYMENT'] },
            requestId: 'req-closed',
            operationName: 'A',
          }),
        },
      );
      const body = res.body.kind === 'single' ? res.body.singleResult : null;
      expect(body?.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(await version()).toBe(v);
    } finally {
      await service.close();
    }
  });
});

describe('a plan store that does not answer', () => {
  it('answers the timeline from the lists, with SOURCE_UNAVAILABLE for the plan', async () => {
    const store = system.plan.store;
    const service = await composePlan(
      loadPlanConfig({
        ACCESS_CONTEXT_SECRET: system.accessContextSecret,
        PLAN_DEMO_CITIZENS: '0',
      }),
      {
        logger: createLogger('test', { level: 'silent' }),
        store: { ...store, byCitizens: () => Promise.reject(new Error('connection refused')) },
        dataset: system.dataset,
        cache: null,
      },
    );
    try {
      const grant = createAccessGrants(system.accessContextSecret).sign(cpr, SECTOR_AREAS, {
        sub: 'cw-all',
        version: 0,
      });
      const res = await service.apollo.executeOperation(
        {
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen {
            hoiPlan { id } timeline { id kind } } } }`,
          variables: { r: [{ __typename: 'Citizen', cpr, accessGrant: grant }] },
        },
        {
          contextValue: service.contextFor({
            principal: { sub: 'cw-all', role: 'caseworker', areas: [...SECTOR_AREAS] },
            requestId: 'req-store-down',
            operationName: null,
          }),
        },
      );
      const body = res.body.kind === 'single' ? res.body.singleResult : null;
      const entity = (body?.data?._entities as { hoiPlan: unknown; timeline: Item[] }[])[0]!;
      expect(entity.hoiPlan).toBeNull();
      const listKinds = new Set(['CASE', 'BENEFIT', 'INTERVENTION']);
      expect(entity.timeline.map((i) => i.id)).toEqual(
        reference.timeline.filter((i) => listKinds.has(i.kind)).map((i) => i.id),
      );
      expect(
        body?.errors?.map((e) => [e.extensions?.code, e.extensions?.source, e.path?.at(-1)]),
      ).toEqual([
        ['SOURCE_UNAVAILABLE', 'hoi-plan-store', 'hoiPlan'],
        ['SOURCE_UNAVAILABLE', 'hoi-plan-store', 'timeline'],
      ]);
    } finally {
      await service.close();
    }
  });
});
