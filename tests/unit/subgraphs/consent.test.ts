/**
 * The consent subgraph through `executeOperation`, over an in-memory ConsentStore and a fake
 * consent register: who may read a citizen, what `access` and `accessGrant` say, the audit
 * record written before anything is answered (fail closed), and the input rules of the consent
 * writes (DESIGN §3, §4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessGrants, createPseudonymizer } from '@hoi/access';
import {
  type ConsentRecord,
  type Principal,
  SECTOR_AREAS,
  type SectorArea,
  sourceUnavailable,
} from '@hoi/domain';
import {
  type AuditRecord,
  type ConsentContext,
  type ConsentStore,
  createConsentServer,
  createConsentState,
  createLogCursors,
} from '@hoi/subgraph-consent';
import type { SubgraphServer } from '@hoi/subgraph-kit';
import {
  accessFor,
  caseworker,
  codesOf,
  execute,
  type FakeSource,
  fakeSource,
  type Result,
  SECRET,
  silentLogger,
  testMetrics,
} from './fakes.js';

const A = '010180-1234';
const B = '020280-2345';
const C = '030380-3456';
/** A summer noon in Copenhagen (CEST, UTC+2). */
const NOON = new Date('2030-06-15T10:00:00Z');

const grants = createAccessGrants(SECRET);
const pseudonymize = createPseudonymizer('unit-test-audit-key', 'audit-citizen');

/** An in-memory ConsentStore that records what it is asked, and can fail its audit writes. */
interface FakeConsentStore extends ConsentStore {
  /** Stored histories (citizens written to); tests may preset them. */
  readonly histories: Map<string, ConsentRecord[]>;
  /** Committed audit records, oldest first. */
  readonly audit: AuditRecord[];
  /** The CPR lists of every historyMany call. */
  readonly historyBatches: string[][];
  /** How many update calls committed. */
  commits: number;
  /** When set, appendAudit rejects with it and commits nothing. */
  auditFailure: Error | null;
}

function fakeConsentStore(): FakeConsentStore {
  const store: FakeConsentStore = {
    histories: new Map(),
    audit: [],
    historyBatches: [],
    commits: 0,
    auditFailure: null,
    async historyMany(cprs) {
      store.historyBatches.push([...cprs]);
      const found = new Map<string, ConsentRecord[]>();
      for (const cpr of cprs) {
        const history = store.histories.get(cpr);
        if (history) found.set(cpr, [...history]);
      }
      return found;
    },
    async update(cpr, seed, decide) {
      // No await between reading and writing: atomic per citizen, like the row lock.
      const history = store.histories.get(cpr) ?? [...seed];
      const change = decide(history);
      const byId = new Map(history.map((c) => [c.id, c]));
      for (const c of change.upserts) byId.set(c.id, c);
      store.histories.set(
        cpr,
        [...byId.values()].sort((x, y) => x.givenAt.localeCompare(y.givenAt)),
      );
      store.commits += 1;
      return change.result;
    },
    async appendAudit(records) {
      if (store.auditFailure) throw store.auditFailure;
      store.audit.push(...records);
    },
    async accessLog(citizenRef, _after, limit) {
      const mine = store.audit.filter((r) => r.citizenRef === citizenRef).reverse();
      return {
        entries: mine.slice(0, limit).map((r, i) => ({
          position: { at: r.at, src: 'c' as const, id: String(mine.length - i) },
          role: r.role,
          unit: r.unit,
          kind: r.kind,
          purpose: r.purpose,
          areas: r.areas,
          basis: r.areas.map((a) => r.bases[a] ?? 'NONE'),
        })),
        totalCount: mine.length,
      };
    },
    async readAudit(filter = {}) {
      return store.audit.filter(
        (r) =>
          (filter.requestId === undefined || r.requestId === filter.requestId) &&
          (filter.citizenRef === undefined || r.citizenRef === filter.citizenRef),
      );
    },
    async ping() {
      return true;
    },
    async close() {},
  };
  return store;
}

/** A consent record of `cpr` as the register or the store holds it. */
const consent = (cpr: string, fields: Partial<ConsentRecord> & { id: string }): ConsentRecord => ({
  cpr,
  status: 'ACTIVE',
  areas: ['HEALTH'],
  givenAt: '2030-01-10T09:00:00.000Z',
  validUntil: '2099-12-31',
  withdrawnAt: null,
  channel: 'RECORDED_BY_CASEWORKER',
  givenBy: { role: 'caseworker', unit: null },
  withdrawnBy: null,
  ...fields,
});

interface Harness {
  readonly server: SubgraphServer<ConsentContext>;
  readonly store: FakeConsentStore;
  readonly register: FakeSource<readonly ConsentRecord[]>;
  /** Runs an operation as `principal` (null: an access context without a caller). */
  run<TData = Record<string, unknown>>(
    principal: Principal | null,
    query: string,
    variables?: Record<string, unknown>,
    request?: { requestId?: string; operationName?: string | null },
  ): Promise<Result<TData>>;
}

const started: Harness[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.server.apollo.stop()));
});

/** Starts the consent subgraph over a fake register seeded with `seeds`, at `clock()`. */
async function startConsent(
  seeds: Readonly<Record<string, readonly ConsentRecord[]>> = {},
  clock: () => Date = () => NOON,
): Promise<Harness> {
  const store = fakeConsentStore();
  const register = fakeSource<readonly ConsentRecord[]>('consent-register', seeds, []);
  const server = await createConsentServer({
    source: register,
    store,
    state: createConsentState(store, null, 0),
    grants,
    pseudonymize,
    clock,
    screeningTrail: async () => ({ entries: [], totalCount: 0 }),
    logCursors: createLogCursors(SECRET),
    accessContextSecret: SECRET,
    logger: silentLogger(),
    metrics: testMetrics(),
  });
  const harness: Harness = {
    server,
    store,
    register,
    run: (principal, query, variables, request = {}) =>
      execute(
        server,
        accessFor(principal, request.requestId, request.operationName),
        query,
        variables,
      ),
  };
  started.push(harness);
  return harness;
}

interface AreaAccess {
  readonly area: SectorArea;
  readonly visible: boolean;
  readonly basis: string;
}
interface CitizenAnswer {
  readonly cpr: string;
  readonly access: readonly AreaAccess[];
  readonly accessGrant: string;
  readonly consent: { readonly status: string; readonly areas: readonly SectorArea[] } | null;
}

const CITIZEN = `query($cpr: CPR!) { citizen(cpr: $cpr) {
  cpr access { area visible basis } accessGrant consent { status areas } } }`;

/** `access` as expected: every area in canonical order, with `bases` for the visible ones. */
const accessList = (bases: Partial<Record<SectorArea, string>>): AreaAccess[] =>
  SECTOR_AREAS.map((area) => ({
    area,
    visible: bases[area] !== undefined,
    basis: bases[area] ?? 'NONE',
  }));

/** The areas a grant verifies to for `cpr`, or null when it does not verify. */
const grantedAreas = (
  cpr: string,
  grant: string | undefined,
  sub = 'cw-1',
): SectorArea[] | null => {
  const verified = grants.verify(cpr, grant, sub);
  return verified ? [...verified] : null;
};

const GIVE = `mutation($cpr: CPR!, $areas: [SectorArea!]!, $validUntil: Date!) {
  giveConsent(cpr: $cpr, areas: $areas, validUntil: $validUntil) {
    id status areas givenAt validUntil withdrawnAt } }`;
const WITHDRAW = `mutation($cpr: CPR!) { withdrawConsent(cpr: $cpr) { id status withdrawnAt } }`;

describe('citizen(cpr)', () => {
  it('shows a caseworker own-authority areas, then actively consented ones, and signs exactly those', async () => {
    const h = await startConsent({
      [A]: [consent(A, { id: 'k1', areas: ['HEALTH', 'ADDICTION'] })],
    });
    const res = await h.run<{ citizen: CitizenAnswer }>(
      caseworker(['EMPLOYMENT', 'HEALTH']),
      CITIZEN,
      { cpr: A },
    );
    expect(res.errors).toBeUndefined();
    const citizen = res.data?.citizen;
    expect(citizen?.access).toEqual(
      accessList({ EMPLOYMENT: 'OWN_AUTHORITY', HEALTH: 'OWN_AUTHORITY', ADDICTION: 'CONSENT' }),
    );
    expect(citizen?.consent).toEqual({ status: 'ACTIVE', areas: ['HEALTH', 'ADDICTION'] });
    expect(grantedAreas(A, citizen?.accessGrant)).toEqual(['EMPLOYMENT', 'HEALTH', 'ADDICTION']);
    // The grant is bound to the citizen: it opens nothing of anybody else.
    expect(grantedAreas(B, citizen?.accessGrant)).toBeNull();
  });

  it('grants nothing for a withdrawn consent, nor for an active one once its day has ended in Copenhagen', async () => {
    let now = new Date('2030-06-15T21:59:59Z'); // 23:59:59 in Copenhagen
    const h = await startConsent(
      {
        [A]: [
          consent(A, {
            id: 'old',
            status: 'WITHDRAWN',
            areas: ['SOCIAL_ADULT'],
            givenAt: '2029-01-01T09:00:00.000Z',
            withdrawnAt: '2029-06-01T09:00:00.000Z',
          }),
          consent(A, { id: 'new', areas: ['EDUCATION'], validUntil: '2030-06-15' }),
        ],
      },
      () => now,
    );
    const read = async () =>
      (await h.run<{ citizen: CitizenAnswer }>(caseworker(), CITIZEN, { cpr: A })).data?.citizen;

    const lastSecond = await read();
    expect(lastSecond?.access).toEqual(accessList({ EDUCATION: 'CONSENT' }));
    expect(grantedAreas(A, lastSecond?.accessGrant)).toEqual(['EDUCATION']);

    now = new Date('2030-06-15T22:00:00Z'); // midnight in Copenhagen
    const expired = await read();
    expect(expired?.access).toEqual(accessList({}));
    expect(expired?.consent).toEqual({ status: 'EXPIRED', areas: ['EDUCATION'] });
    expect(grantedAreas(A, expired?.accessGrant)).toEqual([]);
  });

  it('reads the stored history instead of the register once the citizen has been written to', async () => {
    const h = await startConsent({ [A]: [consent(A, { id: 'seeded', areas: ['EDUCATION'] })] });
    h.store.histories.set(A, [consent(A, { id: 'stored', areas: ['HEALTH'] })]);
    const res = await h.run<{ citizen: CitizenAnswer }>(caseworker(), CITIZEN, { cpr: A });
    expect(res.data?.citizen.access).toEqual(accessList({ HEALTH: 'CONSENT' }));
    expect(grantedAreas(A, res.data?.citizen.accessGrant)).toEqual(['HEALTH']);
  });

  it('decides without consents when the register fails: consented areas read NONE, with a SOURCE_UNAVAILABLE error on access', async () => {
    const h = await startConsent({ [A]: [consent(A, { id: 'k1', areas: ['HEALTH'] })] });
    h.register.failWith = sourceUnavailable('consent-register', undefined, 'TIMEOUT');
    const res = await h.run<{ citizen: CitizenAnswer }>(
      caseworker(['EMPLOYMENT']),
      'query($cpr: CPR!) { citizen(cpr: $cpr) { access { area visible basis } accessGrant } }',
      { cpr: A },
    );
    expect(res.data?.citizen.access).toEqual(accessList({ EMPLOYMENT: 'OWN_AUTHORITY' }));
    expect(grantedAreas(A, res.data?.citizen.accessGrant)).toEqual(['EMPLOYMENT']);
    expect(res.errors).toMatchObject([
      {
        path: ['citizen', 'access'],
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'consent-register' },
      },
    ]);
  });

  it('shows a citizen every area of their own CPR as OWN_DATA, through citizen(cpr) and me', async () => {
    const h = await startConsent();
    const self: Principal = { sub: A, role: 'citizen', areas: [] };
    const own = await h.run<{ citizen: CitizenAnswer }>(self, CITIZEN, { cpr: '0101801234' });
    expect(own.errors).toBeUndefined();
    expect(own.data?.citizen).toMatchObject({
      cpr: A,
      access: SECTOR_AREAS.map((area) => ({ area, visible: true, basis: 'OWN_DATA' })),
      consent: null,
    });
    expect(grantedAreas(A, own.data?.citizen.accessGrant, A)).toEqual([...SECTOR_AREAS]);
    const me = await h.run<{ me: CitizenAnswer }>(self, '{ me { cpr accessGrant } }');
    expect(me.data?.me.cpr).toBe(A);
    expect(grantedAreas(A, me.data?.me.accessGrant, A)).toEqual([...SECTOR_AREAS]);
  });

  it('refuses a citizen another citizen’s CPR as FORBIDDEN, reading and auditing nothing', async () => {
    const h = await startConsent({ [B]: [consent(B, { id: 'k1' })] });
    const res = await h.run({ sub: A, role: 'citizen', areas: [] }, CITIZEN, { cpr: B });
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
    expect(res.data ?? null).toBeNull();
    expect(h.register.batches).toEqual([]);
    expect(h.store.historyBatches).toEqual([]);
    expect(h.store.audit).toEqual([]);
  });

  it('refuses me to a caseworker as FORBIDDEN', async () => {
    const h = await startConsent();
    const res = await h.run(caseworker([...SECTOR_AREAS]), '{ me { cpr } }');
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
    expect(h.store.audit).toEqual([]);
  });

  it('refuses a screener the consent as FORBIDDEN and shows it no area, even with an active consent', async () => {
    const h = await startConsent({ [A]: [consent(A, { id: 'k1', areas: [...SECTOR_AREAS] })] });
    const res = await h.run<{ citizen: CitizenAnswer }>(
      { sub: 'screener-1', role: 'screener', areas: [] },
      CITIZEN,
      { cpr: A },
    );
    expect(res.errors).toMatchObject([
      { path: ['citizen', 'consent'], extensions: { code: 'FORBIDDEN' } },
    ]);
    expect(res.data?.citizen.consent).toBeNull();
    expect(res.data?.citizen.access).toEqual(accessList({}));
    expect(grantedAreas(A, res.data?.citizen.accessGrant, 'screener-1')).toEqual([]);
  });

  it('refuses an access context without a caller as UNAUTHENTICATED', async () => {
    const h = await startConsent();
    const res = await h.run(null, CITIZEN, { cpr: A });
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data ?? null).toBeNull();
    expect(h.store.audit).toEqual([]);
  });

  it('refuses a malformed CPR variable as BAD_USER_INPUT, reading and auditing nothing', async () => {
    const h = await startConsent();
    const res = await h.run(caseworker(), CITIZEN, { cpr: '310280-1234' });
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    expect(h.register.batches).toEqual([]);
    expect(h.store.audit).toEqual([]);
  });
});

describe('citizens(cprs)', () => {
  it('reads many citizens with one store query and one register batch, deciding each on its own consents', async () => {
    const h = await startConsent({
      [A]: [consent(A, { id: 'a1', areas: ['HEALTH'] })],
      [C]: [consent(C, { id: 'c1', areas: ['EDUCATION'] })],
    });
    const res = await h.run<{ citizens: CitizenAnswer[] }>(
      caseworker(['EMPLOYMENT']),
      'query($cprs: [CPR!]!) { citizens(cprs: $cprs) { cpr accessGrant } }',
      { cprs: [A, B, C] },
    );
    expect(res.errors).toBeUndefined();
    const answers = res.data?.citizens ?? [];
    expect(answers.map((c) => c.cpr)).toEqual([A, B, C]);
    expect(answers.map((c) => grantedAreas(c.cpr, c.accessGrant))).toEqual([
      ['EMPLOYMENT', 'HEALTH'],
      ['EMPLOYMENT'],
      ['EMPLOYMENT', 'EDUCATION'],
    ]);
    expect(h.register.batches).toEqual([[A, B, C]]);
    expect(h.store.historyBatches).toEqual([[A, B, C]]);
    expect(h.store.audit.map((r) => r.citizenRef)).toEqual([A, B, C].map(pseudonymize));
  });
});

describe('audit', () => {
  it('appends one record per read, naming the caller, the areas and their bases, never the CPR', async () => {
    const h = await startConsent({ [A]: [consent(A, { id: 'k1', areas: ['ADDICTION'] })] });
    for (const requestId of ['req-1', 'req-2']) {
      const res = await h.run(
        caseworker(['EMPLOYMENT']),
        CITIZEN,
        { cpr: A },
        {
          requestId,
          operationName: 'Overview',
        },
      );
      expect(res.errors).toBeUndefined();
    }
    const record = {
      at: NOON.toISOString(),
      operationName: 'Overview',
      subject: 'cw-1',
      role: 'caseworker',
      unit: null,
      kind: 'READ',
      purpose: 'CITIZEN_OVERVIEW',
      citizenRef: pseudonymize(A),
      areas: ['EMPLOYMENT', 'ADDICTION'],
      bases: { EMPLOYMENT: 'OWN_AUTHORITY', ADDICTION: 'CONSENT' },
    };
    expect(h.store.audit).toEqual([
      { ...record, requestId: 'req-1' },
      { ...record, requestId: 'req-2' },
    ]);
    expect(JSON.stringify(h.store.audit)).not.toContain(A.slice(0, 6));
  });

  it('names a citizen reading their own data by pseudonym, not by CPR', async () => {
    const h = await startConsent();
    await h.run({ sub: A, role: 'citizen', areas: [] }, '{ me { cpr } }');
    expect(h.store.audit).toMatchObject([
      { subject: `citizen:${pseudonymize(A)}`, role: 'citizen', citizenRef: pseudonymize(A) },
    ]);
    expect(JSON.stringify(h.store.audit)).not.toContain(A.slice(0, 6));
  });

  it('audits an _entities read like a root read', async () => {
    const h = await startConsent();
    const res = await h.run<{ _entities: { accessGrant: string }[] }>(
      caseworker(['HEALTH']),
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { accessGrant } } }',
      { r: [{ __typename: 'Citizen', cpr: A }] },
    );
    expect(res.errors).toBeUndefined();
    expect(grantedAreas(A, res.data?._entities[0]?.accessGrant)).toEqual(['HEALTH']);
    expect(h.store.audit).toMatchObject([{ citizenRef: pseudonymize(A), areas: ['HEALTH'] }]);
  });

  it('withholds the citizen, and its grant, when the audit record cannot be written', async () => {
    const h = await startConsent({ [A]: [consent(A, { id: 'k1' })] });
    h.store.auditFailure = new Error('disk full on /var/lib/postgresql');
    const res = await h.run(caseworker([...SECTOR_AREAS]), CITIZEN, { cpr: A });
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toMatchObject([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(res)).not.toContain('disk full');
    const entities = await h.run<{ _entities: unknown[] }>(
      caseworker([...SECTOR_AREAS]),
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { accessGrant } } }',
      { r: [{ __typename: 'Citizen', cpr: A }] },
    );
    expect(entities.data?._entities).toEqual([null]);
    expect(codesOf(entities)).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it('writes no consent when the audit record of the write cannot be written', async () => {
    const h = await startConsent();
    h.store.auditFailure = new Error('disk full');
    const res = await h.run(caseworker(), GIVE, {
      cpr: A,
      areas: ['HEALTH'],
      validUntil: '2099-01-01',
    });
    expect(codesOf(res)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(h.store.commits).toBe(0);
    expect(h.store.histories.size).toBe(0);
  });
});

describe('giveConsent', () => {
  it('records an ACTIVE consent over the seeded history, withdrawing the active one, and the next read grants its areas', async () => {
    const h = await startConsent({ [A]: [consent(A, { id: 'seeded', areas: ['HEALTH'] })] });
    const res = await h.run<{ giveConsent: Record<string, unknown> }>(caseworker(), GIVE, {
      cpr: A,
      areas: ['EDUCATION', 'ADDICTION', 'EDUCATION'],
      validUntil: '2031-01-31',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.giveConsent).toEqual({
      id: expect.any(String),
      status: 'ACTIVE',
      areas: ['EDUCATION', 'ADDICTION'],
      givenAt: NOON.toISOString(),
      validUntil: '2031-01-31',
      withdrawnAt: null,
    });
    expect(h.store.histories.get(A)?.map((c) => [c.id, c.status, c.withdrawnAt])).toEqual([
      ['seeded', 'WITHDRAWN', NOON.toISOString()],
      [res.data?.giveConsent.id, 'ACTIVE', null],
    ]);
    const read = await h.run<{ citizen: CitizenAnswer }>(caseworker(), CITIZEN, { cpr: A });
    expect(grantedAreas(A, read.data?.citizen.accessGrant)).toEqual(['EDUCATION', 'ADDICTION']);
  });

  it('rejects empty areas as BAD_USER_INPUT and writes nothing', async () => {
    const h = await startConsent();
    const res = await h.run(caseworker(), GIVE, { cpr: A, areas: [], validUntil: '2099-01-01' });
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toMatch(/areas/);
    expect(h.store.commits).toBe(0);
  });

  it('rejects a validUntil before today in Copenhagen as BAD_USER_INPUT, and accepts today', async () => {
    // 00:30 on 16 June in Copenhagen, still 15 June in UTC.
    const h = await startConsent({}, () => new Date('2030-06-15T22:30:00Z'));
    const give = (validUntil: string) =>
      h.run<{ giveConsent: { status: string } }>(caseworker(), GIVE, {
        cpr: A,
        areas: ['HEALTH'],
        validUntil,
      });
    const yesterday = await give('2030-06-15');
    expect(codesOf(yesterday)).toEqual(['BAD_USER_INPUT']);
    expect(yesterday.errors?.[0]?.message).toContain('2030-06-16');
    expect(h.store.commits).toBe(0);
    const today = await give('2030-06-16');
    expect(today.errors).toBeUndefined();
    expect(today.data?.giveConsent.status).toBe('ACTIVE');
  });

  it.each([
    ['a malformed CPR', { cpr: '12', areas: ['HEALTH'], validUntil: '2099-01-01' }],
    ['a date that does not exist', { cpr: A, areas: ['HEALTH'], validUntil: '2099-02-30' }],
    ['an unknown area', { cpr: A, areas: ['EVERYTHING'], validUntil: '2099-01-01' }],
  ])('rejects %s as BAD_USER_INPUT and writes nothing', async (_label, variables) => {
    const h = await startConsent();
    const res = await h.run(caseworker(), GIVE, variables);
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    expect(h.store.commits).toBe(0);
  });

  it('refuses a screener as FORBIDDEN, and a citizen for another CPR, writing nothing', async () => {
    const h = await startConsent();
    const variables = { cpr: A, areas: ['HEALTH'], validUntil: '2099-01-01' };
    const screener = await h.run({ sub: 's', role: 'screener', areas: [] }, GIVE, variables);
    expect(codesOf(screener)).toEqual(['FORBIDDEN']);
    const other = await h.run({ sub: B, role: 'citizen', areas: [] }, GIVE, variables);
    expect(codesOf(other)).toEqual(['FORBIDDEN']);
    expect(h.store.commits).toBe(0);
    expect(h.store.audit).toEqual([]);
  });
});

describe('withdrawConsent', () => {
  it('withdraws the active consent, then returns it unchanged; NOT_FOUND for a citizen who never gave one', async () => {
    const h = await startConsent({ [A]: [consent(A, { id: 'k1' })] });
    const first = await h.run<{ withdrawConsent: unknown }>(caseworker(), WITHDRAW, { cpr: A });
    expect(first.data?.withdrawConsent).toEqual({
      id: 'k1',
      status: 'WITHDRAWN',
      withdrawnAt: NOON.toISOString(),
    });
    const again = await h.run<{ withdrawConsent: unknown }>(caseworker(), WITHDRAW, { cpr: A });
    expect(again.data?.withdrawConsent).toEqual(first.data?.withdrawConsent);
    const read = await h.run<{ citizen: CitizenAnswer }>(caseworker(), CITIZEN, { cpr: A });
    expect(grantedAreas(A, read.data?.citizen.accessGrant)).toEqual([]);

    const never = await h.run(caseworker(), WITHDRAW, { cpr: B });
    expect(codesOf(never)).toEqual(['NOT_FOUND']);
    expect(h.store.histories.has(B)).toBe(false);
  });
});
