/**
 * Transparency (DESIGN §3a): consent accountability (givenBy, withdrawnBy, channel,
 * consentHistory, monotonic instants under concurrency) and the access log (who read, wrote
 * or screened a citizen: the citizen themself and the auditor role read it, newest first,
 * paged, naming a role and a unit, never a person).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTOR_AREAS } from '@hoi/domain';
import { startSystem, type GraphQLResponse, type System } from '../helpers/system.js';

let system: System;
const SECRET_SUB = 'cw-7f3a9-person-id';
const tokens = {} as Record<
  'nord' | 'all' | 'none' | 'auditor' | 'screener' | 'citizen' | 'other',
  string
>;
let cpr: string;

const LOG = `accessLog(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { at actor { role unit } kind areas basis purpose } } }`;
const MY_LOG = `query MyLog($first: Int, $after: String) { me { ${LOG} } }`;
const CITIZEN_LOG = `query Log($cpr: CPR!, $first: Int, $after: String) { citizen(cpr: $cpr) { ${LOG} } }`;

interface Entry {
  at: string;
  actor: { role: string; unit: string | null };
  kind: string;
  areas: string[];
  basis: string[];
  purpose: string;
}
interface LogPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Entry }[];
}

const codes = (res: GraphQLResponse) => (res.errors ?? []).map((e) => e.extensions?.code);

async function myLog(first = 50, after?: string): Promise<LogPage> {
  const res = await system.query(MY_LOG, { first, after }, tokens.citizen);
  expect(res.errors).toBeUndefined();
  return (res.data!.me as { accessLog: LogPage }).accessLog;
}

function citizenWithData(skip: number): string {
  let found = 0;
  for (let i = 0; i < system.dataset.size; i++) {
    const c = system.dataset.at(i);
    if (c.cases.length > 0 && c.consents.length === 0 && found++ === skip) return c.cpr;
  }
  throw new Error('no such citizen');
}

beforeAll(async () => {
  system = await startSystem({ citizens: 500 });
  cpr = citizenWithData(0);
  tokens.nord = await system.token({
    role: 'caseworker',
    sub: SECRET_SUB,
    areas: ['EMPLOYMENT'],
    org: 'Jobcenter Nord',
  });
  tokens.all = await system.token({ role: 'caseworker', sub: 'cw-all', areas: [...SECTOR_AREAS] });
  tokens.none = await system.token({ role: 'caseworker', sub: 'cw-none', areas: [] });
  tokens.auditor = await system.token({ role: 'auditor', sub: 'dpo-1', org: 'DPO' });
  tokens.screener = await system.token({ role: 'screener', sub: 'screener-1' });
  tokens.citizen = await system.token({ role: 'citizen', sub: cpr });
  tokens.other = await system.token({ role: 'citizen', sub: citizenWithData(1) });
});
afterAll(async () => system?.stop());

describe('the access log', () => {
  it('shows a caseworker read with role, unit, areas and basis, never the caseworker', async () => {
    const read = await system.query(
      'query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cases { id } } }',
      { cpr },
      tokens.nord,
    );
    expect(read.errors).toBeUndefined();
    const res = await system.query(MY_LOG, { first: 10 }, tokens.citizen);
    expect(res.errors).toBeUndefined();
    expect(JSON.stringify(res)).not.toContain(SECRET_SUB);
    const page = (res.data!.me as { accessLog: LogPage }).accessLog;
    // Newest first: this very look at the log, then the caseworker's read.
    expect(page.edges[0]!.node).toMatchObject({
      kind: 'READ',
      purpose: 'ACCESS_LOG',
      actor: { role: 'citizen', unit: null },
      areas: [],
    });
    expect(page.edges[1]!.node).toMatchObject({
      kind: 'READ',
      purpose: 'CITIZEN_OVERVIEW',
      actor: { role: 'caseworker', unit: 'Jobcenter Nord' },
      areas: ['EMPLOYMENT'],
      basis: ['OWN_AUTHORITY'],
    });
  });

  it('shows consent writes as WRITE, whatever the client named its operation', async () => {
    const res = await system.query(
      'mutation JustLooking($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [HEALTH], validUntil: "2099-12-31") { id } }',
      { cpr },
      tokens.nord,
    );
    expect(res.errors).toBeUndefined();
    const entry = (await myLog(3)).edges[1]!.node;
    expect(entry).toMatchObject({
      kind: 'WRITE',
      purpose: 'GIVE_CONSENT',
      actor: { role: 'caseworker', unit: 'Jobcenter Nord' },
    });
  });

  it('shows screening evaluations of the citizen', async () => {
    const res = await system.query(
      'query E($cpr: CPR!) { citizen(cpr: $cpr) { hoiEligibility { mandatory } } }',
      { cpr },
      tokens.screener,
    );
    expect(res.errors).toBeUndefined();
    const entries = (await myLog(5)).edges.map((e) => e.node);
    expect(entries.find((e) => e.purpose === 'HOI_ELIGIBILITY')).toMatchObject({
      kind: 'SCREENING',
      actor: { role: 'screener', unit: null },
    });
  });

  it('pages newest first with opaque cursors, one entry per request of the citizen', async () => {
    const first = await myLog(2);
    const total = first.totalCount;
    const seen: Entry[] = [];
    let after: string | undefined;
    let requests = 0;
    for (;;) {
      const page = await myLog(2, after);
      requests += 1;
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
      expect(after).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    // Each request (the first look included) added exactly one ACCESS_LOG entry.
    const last = await myLog(1);
    expect(last.totalCount).toBe(total + requests + 1);
    const ats = seen.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(seen.length).toBeGreaterThanOrEqual(total);
    const bad = await system.query(
      MY_LOG,
      { first: 2, after: 'not-a-cursor-not-a-cursor-not-a-cursor' },
      tokens.citizen,
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const tooMany = await system.query(MY_LOG, { first: 201 }, tokens.citizen);
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });

  it('the auditor reads any citizen’s log and nothing else of theirs', async () => {
    const res = await system.query(CITIZEN_LOG, { cpr, first: 5 }, tokens.auditor);
    expect(res.errors).toBeUndefined();
    expect((res.data!.citizen as { accessLog: LogPage }).accessLog.totalCount).toBeGreaterThan(3);
    for (const query of [
      'query Q($cpr: CPR!) { citizen(cpr: $cpr) { consent { status } } }',
      'query Q($cpr: CPR!) { citizen(cpr: $cpr) { cases { id } } }',
      'query Q($cpr: CPR!) { citizen(cpr: $cpr) { access { area visible } } }',
      'query Q($cpr: CPR!) { citizen(cpr: $cpr) { hoiPlan { id } } }',
      'query Q($cpr: CPR!) { citizen(cpr: $cpr) { accessLog { totalCount } consentHistory { id } } }',
      'query Q { screening(group: MANDATORY) { totalCount } }',
      'mutation Q($cpr: CPR!) { withdrawConsent(cpr: $cpr) { id } }',
    ]) {
      const denied = await system.query(query, { cpr }, tokens.auditor);
      expect(codes(denied), query).toEqual(['FORBIDDEN']);
      expect(denied.data ?? null, query).toBeNull();
    }
    // The auditor's look is in the log too, as the auditor.
    const mine = (await myLog(10)).edges.map((e) => e.node);
    expect(mine.find((e) => e.actor.role === 'auditor')).toMatchObject({
      purpose: 'ACCESS_LOG',
      actor: { role: 'auditor', unit: 'DPO' },
      areas: [],
    });
  });

  it('is FORBIDDEN to caseworkers, screeners and other citizens', async () => {
    for (const token of [tokens.all, tokens.none, tokens.screener, tokens.other]) {
      const res = await system.query(CITIZEN_LOG, { cpr, first: 5 }, token);
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(res.data ?? null)).not.toContain('CITIZEN_OVERVIEW');
    }
  });
});

interface ConsentView {
  id: string;
  status: string;
  givenAt: string;
  withdrawnAt: string | null;
  channel: string;
  givenBy: { role: string; unit: string | null };
  withdrawnBy: { role: string; unit: string | null } | null;
}
const HISTORY = `query H($cpr: CPR!) { citizen(cpr: $cpr) { consent { id status }
  consentHistory { id status givenAt withdrawnAt channel givenBy { role unit } withdrawnBy { role unit } } } }`;

describe('consent accountability', () => {
  it('records the channel and the actors, self-service and recorded by a caseworker', async () => {
    const own = citizenWithData(2);
    const citizen = await system.token({ role: 'citizen', sub: own });
    const give = (token: string) =>
      system.query(
        'mutation G($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [EMPLOYMENT, HEALTH], validUntil: "2099-12-31") { id channel givenBy { role unit } } }',
        { cpr: own },
        token,
      );
    expect((await give(citizen)).data?.giveConsent).toMatchObject({
      channel: 'SELF_SERVICE',
      givenBy: { role: 'citizen', unit: null },
    });
    expect((await give(tokens.nord)).data?.giveConsent).toMatchObject({
      channel: 'RECORDED_BY_CASEWORKER',
      givenBy: { role: 'caseworker', unit: 'Jobcenter Nord' },
    });
    const withdrawn = await system.query(
      'mutation W($cpr: CPR!) { withdrawConsent(cpr: $cpr) { status withdrawnBy { role unit } } }',
      { cpr: own },
      citizen,
    );
    expect(withdrawn.data?.withdrawConsent).toEqual({
      status: 'WITHDRAWN',
      withdrawnBy: { role: 'citizen', unit: null },
    });
    const res = await system.query(HISTORY, { cpr: own }, tokens.all);
    expect(res.errors).toBeUndefined();
    const { consent, consentHistory } = res.data!.citizen as {
      consent: { id: string };
      consentHistory: ConsentView[];
    };
    expect(consentHistory.map((c) => [c.channel, c.givenBy, c.withdrawnBy])).toEqual([
      [
        'RECORDED_BY_CASEWORKER',
        { role: 'caseworker', unit: 'Jobcenter Nord' },
        { role: 'citizen', unit: null },
      ],
      // Replaced by the caseworker's recording: withdrawn by that caseworker's act.
      [
        'SELF_SERVICE',
        { role: 'citizen', unit: null },
        { role: 'caseworker', unit: 'Jobcenter Nord' },
      ],
    ]);
    expect(consentHistory[0]!.id).toBe(consent.id);
    expect(JSON.stringify(res)).not.toContain(SECRET_SUB);
  });

  it('12 concurrent giveConsent: every withdrawnAt >= givenAt, at most one ACTIVE, newest first', async () => {
    const target = citizenWithData(3);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        system.query(
          'mutation G($cpr: CPR!, $areas: [SectorArea!]!) { giveConsent(cpr: $cpr, areas: $areas, validUntil: "2099-12-31") { id } }',
          { cpr: target, areas: [SECTOR_AREAS[i % 6]] },
          tokens.all,
        ),
      ),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const res = await system.query(HISTORY, { cpr: target }, tokens.all);
    const history = (res.data!.citizen as { consentHistory: ConsentView[] }).consentHistory;
    expect(history).toHaveLength(12);
    expect(history.filter((c) => c.status === 'ACTIVE')).toHaveLength(1);
    expect(history[0]!.status).toBe('ACTIVE');
    for (const c of history) if (c.withdrawnAt) expect(c.withdrawnAt >= c.givenAt).toBe(true);
    const given = history.map((c) => c.givenAt);
    expect([...given].sort().reverse()).toEqual(given);
    expect(new Set(given).size).toBe(12);
  });

  it('consentHistory follows consent: FORBIDDEN to screeners', async () => {
    const res = await system.query(HISTORY, { cpr }, tokens.screener);
    expect(codes(res)).toContain('FORBIDDEN');
  });
});
