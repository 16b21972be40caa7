/**
 * The four index subgraphs (cases, benefits, interventions, employment) through
 * `executeOperation` with fake sources: `_entities` answers only what the access grant allows,
 * refuses what it cannot verify, batches all citizens of one call into one source call, and
 * degrades to the field's empty value when the source fails (DESIGN §4, partial results).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccessGrants, GRANT_WINDOW_SECONDS } from '@hoi/access';
import { SECTOR_AREAS, type SectorArea, sourceTimeout, sourceUnavailable } from '@hoi/domain';
import { benefits } from '@hoi/subgraph-benefits';
import { cases } from '@hoi/subgraph-cases';
import { employment } from '@hoi/subgraph-employment';
import { interventions } from '@hoi/subgraph-interventions';
import type { IndexContext, IndexSubgraph } from '@hoi/subgraph-kit';
import {
  accessFor,
  benefitsOf,
  casesOf,
  caseworker,
  employmentOf,
  execute,
  type FakeSource,
  fakeSource,
  interventionsOf,
  type Result,
  SECRET,
  silentLogger,
  testMetrics,
} from './fakes.js';

/** Three citizens the fake sources know, numbered 1, 2, 3 in their records. */
const A = '010180-1234';
const B = '020280-2345';
const C = '030380-3456';
/** A well-formed CPR no source knows. */
const UNKNOWN = '040480-4567';

const grants = createAccessGrants(SECRET);
/** The harness's caller (fakes' caseworker()), on a citizen never written to. */
const BINDING = { sub: 'cw-1', version: 0 };

/** A Citizen representation as the gateway sends it, with a grant for `areas`. */
const rep = (cpr: string, areas: readonly SectorArea[] = SECTOR_AREAS) => ({
  __typename: 'Citizen',
  cpr,
  accessGrant: grants.sign(cpr, areas, BINDING),
});

type Representation = Readonly<Record<string, unknown>>;

interface Entity {
  readonly cpr: string;
  readonly [field: string]: unknown;
}
interface Entities {
  readonly _entities: readonly (Entity | null)[];
}

/** A subgraph started over its fake source. */
interface Harness {
  readonly source: FakeSource<unknown>;
  /** `_entities` for the representations, selecting `cpr` and `selection`. */
  run(representations: readonly Representation[], selection?: string): Promise<Result<Entities>>;
  stop(): Promise<void>;
}

/** One index subgraph under test. */
interface Subject {
  readonly name: string;
  readonly field: string;
  /** The name its source reports in SOURCE_* errors. */
  readonly sourceName: string;
  /** The field's value when nothing may or can be answered. */
  readonly empty: readonly never[] | null;
  /** The areas the subgraph holds data in (employment: EMPLOYMENT only). */
  readonly dataAreas: readonly SectorArea[];
  start(): Promise<Harness>;
  /** The field's value, with the shared selection, for citizen `n` seeing `visible`. */
  expected(n: number, visible: readonly SectorArea[]): unknown;
  /** Tests of this subgraph alone. */
  more?(harness: () => Harness): void;
}

const entitiesQuery = (selection: string) =>
  `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { cpr ${selection} } } }`;

function subjectOf<T>(definition: {
  readonly subgraph: IndexSubgraph<T>;
  readonly field: string;
  readonly selection: string;
  readonly recordsOf: (n: number) => T;
  readonly empty: T & (readonly never[] | null);
  readonly dataAreas: readonly SectorArea[];
  readonly expected: (n: number, visible: readonly SectorArea[]) => unknown;
  readonly more?: (harness: () => Harness) => void;
}): Subject {
  const { subgraph, field, selection } = definition;
  return {
    name: subgraph.name,
    field,
    sourceName: subgraph.source.name,
    empty: definition.empty,
    dataAreas: definition.dataAreas,
    expected: definition.expected,
    more: definition.more,
    async start() {
      const source = fakeSource<T>(
        subgraph.source.name,
        {
          [A]: definition.recordsOf(1),
          [B]: definition.recordsOf(2),
          [C]: definition.recordsOf(3),
        },
        definition.empty,
      );
      const server = await subgraph.createServer({
        source,
        accessContextSecret: SECRET,
        logger: silentLogger(),
        metrics: testMetrics(),
      });
      return {
        source,
        run: (representations, sel = `${field} ${selection}`) =>
          execute<Entities, IndexContext<T>>(server, accessFor(caseworker()), entitiesQuery(sel), {
            representations,
          }),
        stop: () => server.apollo.stop(),
      };
    },
  };
}

/** Records of visible areas only, as `{ id area }` selects them. */
const idAndArea =
  <R extends { readonly id: string; readonly area: SectorArea }>(recordsOf: (n: number) => R[]) =>
  (n: number, visible: readonly SectorArea[]) =>
    recordsOf(n)
      .filter((r) => visible.includes(r.area))
      .map((r) => ({ id: r.id, area: r.area }));

const subjects: Subject[] = [
  subjectOf({
    subgraph: cases,
    field: 'cases',
    selection: '{ id area }',
    recordsOf: casesOf,
    empty: [],
    dataAreas: SECTOR_AREAS,
    expected: idAndArea(casesOf),
    more: (h) => {
      it('answers every field of a visible case as the index holds it', async () => {
        const res = await h().run(
          [rep(A, ['HEALTH'])],
          'cases { id title area kle status openedAt closedAt sourceSystem }',
        );
        expect(res.errors).toBeUndefined();
        expect(res.data?._entities).toEqual([
          { cpr: A, cases: casesOf(1).filter((c) => c.area === 'HEALTH') },
        ]);
      });
    },
  }),
  subjectOf({
    subgraph: benefits,
    field: 'benefits',
    selection: '{ id area }',
    recordsOf: benefitsOf,
    empty: [],
    dataAreas: SECTOR_AREAS,
    expected: idAndArea(benefitsOf),
    more: (h) => {
      it('nests start and end as period, an open end as null', async () => {
        const res = await h().run(
          [rep(A, ['EMPLOYMENT', 'HEALTH'])],
          'benefits { id name area kle status period { start end } }',
        );
        expect(res.errors).toBeUndefined();
        expect(res.data?._entities).toEqual([
          {
            cpr: A,
            benefits: [
              {
                id: 'benefit-1-EMPLOYMENT',
                name: 'Benefit 1 in EMPLOYMENT',
                area: 'EMPLOYMENT',
                kle: '32.24.04',
                status: 'Aktiv',
                period: { start: '2024-03-01', end: '2025-02-28' },
              },
              {
                id: 'benefit-1-HEALTH',
                name: 'Benefit 1 in HEALTH',
                area: 'HEALTH',
                kle: '29.09.00',
                status: 'Aktiv',
                period: { start: '2024-03-01', end: null },
              },
            ],
          },
        ]);
      });
    },
  }),
  subjectOf({
    subgraph: interventions,
    field: 'interventions',
    selection: '{ id area }',
    recordsOf: interventionsOf,
    empty: [],
    dataAreas: SECTOR_AREAS,
    expected: idAndArea(interventionsOf),
    more: (h) => {
      it('nests start and end as period, an open end as null, and keeps a missing legal basis null', async () => {
        const res = await h().run(
          [rep(B, ['HEALTH', 'EDUCATION'])],
          'interventions { id title area kle legalBasis status period { start end } }',
        );
        expect(res.errors).toBeUndefined();
        expect(res.data?._entities).toEqual([
          {
            cpr: B,
            interventions: [
              {
                id: 'intervention-2-HEALTH',
                title: 'Intervention 2 in HEALTH',
                area: 'HEALTH',
                kle: '29.09.00',
                legalBasis: 'SEL § 85',
                status: 'IGANG',
                period: { start: '2024-04-01', end: null },
              },
              {
                id: 'intervention-2-EDUCATION',
                title: 'Intervention 2 in EDUCATION',
                area: 'EDUCATION',
                kle: '17.24.00',
                legalBasis: null,
                status: 'IGANG',
                period: { start: '2024-04-01', end: '2024-12-31' },
              },
            ],
          },
        ]);
      });
    },
  }),
  subjectOf({
    subgraph: employment,
    field: 'employment',
    selection: '{ contactGroup }',
    recordsOf: employmentOf,
    empty: null,
    dataAreas: ['EMPLOYMENT'],
    expected: (n, visible) =>
      visible.includes('EMPLOYMENT') ? { contactGroup: employmentOf(n).contactGroup } : null,
    more: (h) => {
      it('answers every field of the employment status when EMPLOYMENT is granted', async () => {
        const res = await h().run(
          [rep(A, ['EMPLOYMENT'])],
          'employment { contactGroup visitation jobGoals registeredSince }',
        );
        expect(res.errors).toBeUndefined();
        expect(res.data?._entities).toEqual([{ cpr: A, employment: employmentOf(1) }]);
      });

      it('answers null for a citizen the source has no employment record of', async () => {
        const res = await h().run([rep(UNKNOWN, ['EMPLOYMENT'])]);
        expect(res.errors).toBeUndefined();
        expect(res.data?._entities).toEqual([{ cpr: UNKNOWN, employment: null }]);
        expect(h().source.batches).toEqual([[UNKNOWN]]);
      });
    },
  }),
];

describe.each(subjects)('the $name subgraph', (subject) => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await subject.start();
  });
  afterEach(async () => {
    await harness.stop();
  });

  const visibleOf = (granted: readonly SectorArea[]) =>
    subject.dataAreas.filter((a) => granted.includes(a));

  it.each<[string, SectorArea[]]>([
    ['EMPLOYMENT and HEALTH', ['EMPLOYMENT', 'HEALTH']],
    ['SOCIAL_ADULT and ADDICTION', ['SOCIAL_ADULT', 'ADDICTION']],
    ['every area', [...SECTOR_AREAS]],
  ])(
    'answers only records of the granted areas (%s), asking the source only for visible data',
    async (_label, granted) => {
      const res = await harness.run([rep(A, granted)]);
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toEqual([
        { cpr: A, [subject.field]: subject.expected(1, granted) },
      ]);
      expect(harness.source.batches).toEqual(visibleOf(granted).length > 0 ? [[A]] : []);
    },
  );

  it.each<[string, () => Representation]>([
    ['no grant', () => ({ __typename: 'Citizen', cpr: A })],
    ['a null grant', () => ({ __typename: 'Citizen', cpr: A, accessGrant: null })],
    [
      'a grant signed with another secret',
      () => ({
        __typename: 'Citizen',
        cpr: A,
        accessGrant: createAccessGrants('another-secret-another-secret-0123456789').sign(
          A,
          SECTOR_AREAS,
          BINDING,
        ),
      }),
    ],
    ['a grant for another citizen', () => ({ ...rep(B), cpr: A })],
    [
      'a grant decided for another principal',
      () => ({
        __typename: 'Citizen',
        cpr: A,
        accessGrant: grants.sign(A, SECTOR_AREAS, { sub: 'cw-2', version: 0 }),
      }),
    ],
    [
      'a grant older than its two windows',
      () => ({
        __typename: 'Citizen',
        cpr: A,
        accessGrant: grants.sign(
          A,
          SECTOR_AREAS,
          BINDING,
          Date.now() - 2 * GRANT_WINDOW_SECONDS * 1000,
        ),
      }),
    ],
    [
      'a grant whose area mask was widened',
      () => ({
        __typename: 'Citizen',
        cpr: A,
        accessGrant: grants.sign(A, ['EMPLOYMENT'], BINDING).replace(/^\d+\./, '63.'),
      }),
    ],
    [
      'a grant that is all zeros',
      () => ({ __typename: 'Citizen', cpr: A, accessGrant: '63.0.0.AAAAAAAAAAAAAAAAAAAAAA' }),
    ],
    ['a string that is no grant', () => ({ __typename: 'Citizen', cpr: A, accessGrant: 'all' })],
  ])(
    'refuses %s as FORBIDDEN, answers no record and does not ask the source',
    async (_label, make) => {
      const res = await harness.run([make()]);
      expect(res.errors).toMatchObject([
        { path: ['_entities', 0, subject.field], extensions: { code: 'FORBIDDEN' } },
      ]);
      // A list field is non-null, so its entity is null; employment is nullable itself.
      expect(res.data?._entities).toEqual([
        subject.empty === null ? { cpr: A, [subject.field]: null } : null,
      ]);
      expect(harness.source.batches).toEqual([]);
    },
  );

  it('answers the empty value for an empty grant without asking the source', async () => {
    const res = await harness.run([rep(A, [])]);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ cpr: A, [subject.field]: subject.empty }]);
    expect(harness.source.batches).toEqual([]);
  });

  it('asks the source once for all citizens of one _entities call, each through its own grant', async () => {
    const res = await harness.run([
      rep(A, ['EMPLOYMENT', 'HEALTH']),
      rep(B),
      rep(C, ['EMPLOYMENT']),
      rep(A, ['EMPLOYMENT', 'HEALTH']),
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { cpr: A, [subject.field]: subject.expected(1, ['EMPLOYMENT', 'HEALTH']) },
      { cpr: B, [subject.field]: subject.expected(2, SECTOR_AREAS) },
      { cpr: C, [subject.field]: subject.expected(3, ['EMPLOYMENT']) },
      { cpr: A, [subject.field]: subject.expected(1, ['EMPLOYMENT', 'HEALTH']) },
    ]);
    expect(harness.source.batches).toEqual([[A, B, C]]);
  });

  it.each<[string, (source: string) => Error]>([
    [
      'is unavailable',
      (source) => sourceUnavailable(source, new Error('ECONNRESET'), 'CONNECTION'),
    ],
    ['times out', (source) => sourceTimeout(source)],
  ])(
    'answers the empty value and a source error at the field’s path when the source %s',
    async (_label, failure) => {
      const error = failure(subject.sourceName);
      harness.source.failWith = error;
      const res = await harness.run([rep(A), rep(B)]);
      expect(res.data?._entities).toEqual([
        { cpr: A, [subject.field]: subject.empty },
        { cpr: B, [subject.field]: subject.empty },
      ]);
      const extensions = { code: expect.stringMatching(/^SOURCE_/), source: subject.sourceName };
      expect(res.errors).toMatchObject([
        { message: error.message, path: ['_entities', 0, subject.field], extensions },
        { message: error.message, path: ['_entities', 1, subject.field], extensions },
      ]);
      expect(harness.source.batches).toEqual([[A, B]]);
    },
  );

  it('answers an unexpected source failure as INTERNAL_SERVER_ERROR without its message', async () => {
    harness.source.failWith = new Error('pool exhausted: password=hunter2');
    const res = await harness.run([rep(A)]);
    expect(res.errors).toMatchObject([
      {
        message: 'Internal server error',
        path: ['_entities', 0, subject.field],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(res)).not.toContain('hunter2');
  });

  it.each([
    ['a day that does not exist', '320180-1234'],
    ['too few digits', '01018-1234'],
    ['a number instead of a string', 101801234],
  ])(
    'refuses a representation whose CPR has %s as BAD_USER_INPUT, without asking the source',
    async (_label, cpr) => {
      const res = await harness.run([
        {
          __typename: 'Citizen',
          cpr,
          accessGrant: grants.sign(String(cpr), SECTOR_AREAS, BINDING),
        },
      ]);
      expect(res.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
      // The message says what is wrong, never the input (it may be a real CPR).
      expect(JSON.stringify(res.errors)).not.toContain(String(cpr).slice(0, 5));
      expect(res.data?._entities?.[0] ?? null).toBeNull();
      expect(harness.source.batches).toEqual([]);
    },
  );

  it('reads an undashed CPR in its canonical form, for the grant and the source', async () => {
    const res = await harness.run([{ ...rep(A), cpr: '0101801234' }]);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { cpr: A, [subject.field]: subject.expected(1, SECTOR_AREAS) },
    ]);
    expect(harness.source.batches).toEqual([[A]]);
  });

  subject.more?.(() => harness);
});
