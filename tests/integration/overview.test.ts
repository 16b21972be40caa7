/**
 * The citizen overview end to end (issue 2): the real gateway and five subgraphs on free
 * ports, checked against the API contract (DESIGN §3) and the dataset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areasWithData, sampleCitizens } from '@hoi/dataset';
import { SECTOR_AREAS } from '@hoi/domain';
import { startSystem, type System } from '../helpers/system.js';

const OVERVIEW = /* GraphQL */ `
  query Overview($cpr: CPR!) {
    citizen(cpr: $cpr) {
      cpr
      access {
        area
        visible
        basis
      }
      consent {
        id
        status
        areas
        givenAt
        validUntil
        withdrawnAt
      }
      cases {
        id
        title
        area
        kle
        status
        openedAt
        closedAt
        sourceSystem
      }
      benefits {
        id
        name
        area
        status
        period {
          start
          end
        }
      }
      interventions {
        id
        title
        area
        legalBasis
        status
        period {
          start
          end
        }
      }
      employment {
        contactGroup
        visitation
        jobGoals
      }
    }
  }
`;

let system: System;
let allAreas: string;

beforeAll(async () => {
  system = await startSystem();
  allAreas = await system.token({ role: 'caseworker', sub: 'cw-all', areas: [...SECTOR_AREAS] });
});
afterAll(async () => system?.stop());

describe('citizen(cpr)', () => {
  it('returns every subgraph’s data for a sample citizen, matching the dataset', async () => {
    const [sample] = sampleCitizens(system.dataset, 1);
    const record = system.dataset.byCpr(sample!.cpr)!;
    const res = await system.query(OVERVIEW, { cpr: sample!.cpr }, allAreas);
    expect(res.errors).toBeUndefined();
    const c = res.data!.citizen as Record<string, unknown>;
    expect(c.cpr).toBe(record.cpr);
    expect(c.cases).toEqual(
      record.cases.map(({ id, title, area, kle, status, openedAt, closedAt, sourceSystem }) => ({
        id,
        title,
        area,
        kle,
        status,
        openedAt,
        closedAt,
        sourceSystem,
      })),
    );
    expect(c.benefits).toEqual(
      record.benefits.map((b) => ({
        id: b.id,
        name: b.name,
        area: b.area,
        status: b.status,
        period: { start: b.start, end: b.end },
      })),
    );
    expect(c.interventions).toEqual(
      record.interventions.map((i) => ({
        id: i.id,
        title: i.title,
        area: i.area,
        legalBasis: i.legalBasis,
        status: i.status,
        period: { start: i.start, end: i.end },
      })),
    );
    expect(c.employment).toEqual(
      record.employment && {
        contactGroup: record.employment.contactGroup,
        visitation: record.employment.visitation,
        jobGoals: record.employment.jobGoals,
      },
    );
    const latest = record.consents.at(-1)!;
    expect((c.consent as { id: string }).id).toBe(latest.id);
    expect(c.access).toEqual(
      SECTOR_AREAS.map((area) => ({ area, visible: true, basis: 'OWN_AUTHORITY' })),
    );
    expect(areasWithData(record).length).toBeGreaterThanOrEqual(5);
  });

  it('accepts a CPR without the dash and always answers DDMMYY-SSSS', async () => {
    const cpr = system.dataset.cprAt(3);
    const res = await system.query(
      'query($cpr: CPR!) { citizen(cpr: $cpr) { cpr } }',
      { cpr: cpr.replace('-', '') },
      allAreas,
    );
    expect(res.data).toEqual({ citizen: { cpr } });
    const inline = await system.query(
      `{ citizen(cpr: "${cpr.replace('-', '')}") { cpr } }`,
      undefined,
      allAreas,
    );
    expect(inline.data).toEqual({ citizen: { cpr } });
  });

  it('gives a well-formed unknown CPR a citizen with empty lists', async () => {
    const res = await system.query(OVERVIEW, { cpr: '010180-1234' }, allAreas);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      citizen: {
        cpr: '010180-1234',
        access: SECTOR_AREAS.map((area) => ({ area, visible: true, basis: 'OWN_AUTHORITY' })),
        consent: null,
        cases: [],
        benefits: [],
        interventions: [],
        employment: null,
      },
    });
  });

  const malformed: [string, unknown][] = [
    ['too short', '01018012'],
    ['too long', '01018012345'],
    ['letters', '0101AB-1234'],
    ['dash in the wrong place', '01018-01234'],
    ['two dashes', '010180--1234'],
    ['day 00', '000180-1234'],
    ['day 32', '320180-1234'],
    ['day 92 (beyond replacement numbers)', '920180-1234'],
    ['month 13', '011380-1234'],
    ['30 February', '300280-1234'],
    ['29 February in a non-leap year', '290201-4234'],
    ['replacement day of a date that does not exist', '910480-1234'],
    ['spaces', '010180 1234'],
    ['empty', ''],
    ['a number', 101801234],
  ];
  it.each(malformed)('rejects a CPR with %s as BAD_USER_INPUT (variable)', async (_why, cpr) => {
    const res = await system.query(
      'query($cpr: CPR!) { citizen(cpr: $cpr) { cpr cases { title } } }',
      { cpr },
      allAreas,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/CPR/);
    expect(res.data ?? null).toBeNull();
  });
  it.each(malformed.filter(([, v]) => typeof v === 'string'))(
    'rejects a CPR with %s as BAD_USER_INPUT (literal)',
    async (_why, cpr) => {
      const res = await system.query(
        `{ citizen(cpr: ${JSON.stringify(cpr)}) { cpr } }`,
        undefined,
        allAreas,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.data ?? null).toBeNull();
    },
  );

  it('accepts 29 February in a leap year and replacement numbers (day + 60)', async () => {
    for (const cpr of ['290200-4234', '890200-4234', '010180-1234', '610180-1234']) {
      const res = await system.query(`{ citizen(cpr: "${cpr}") { cpr } }`, undefined, allAreas);
      expect(res.errors, cpr).toBeUndefined();
    }
  });
});

describe('batching', () => {
  it('answers 100 citizens in one operation with one request and one source call per subgraph', async () => {
    const cprs = Array.from({ length: 100 }, (_, i) => system.dataset.cprAt(i * 7));
    const fields =
      'cpr consent { status } cases { id } benefits { id } interventions { id } employment { contactGroup }';
    const query = `query($cprs: [CPR!]!) { citizens(cprs: $cprs) { ${fields} } }`;
    const requestsBefore = { ...system.subgraphRequests };
    const callsBefore = Object.fromEntries(
      Object.entries(system.sources).map(([n, s]) => [n, s.calls]),
    );
    const res = await system.query(query, { cprs }, allAreas);
    expect(res.errors).toBeUndefined();
    const citizens = res.data!.citizens as { cpr: string; cases: { id: string }[] }[];
    expect(citizens.map((c) => c.cpr)).toEqual(cprs);
    expect(citizens.map((c) => c.cases.length)).toEqual(
      cprs.map((cpr) => system.dataset.byCpr(cpr)!.cases.length),
    );
    for (const [name, count] of Object.entries(system.subgraphRequests)) {
      expect(
        count - requestsBefore[name as keyof typeof requestsBefore],
        `${name} HTTP requests`,
      ).toBe(1);
    }
    for (const [name, source] of Object.entries(system.sources)) {
      expect(source.calls - (callsBefore[name] as number), `${name} source calls`).toBe(1);
    }
  });
});
