/**
 * The HOI target-group rules with hand-built citizens at every boundary: age on the day,
 * the century rule, each criterion missing, exclusions, and partial visibility.
 */
import { describe, expect, it } from 'vitest';
import type { BenefitRecord, CaseRecord, InterventionRecord, SectorArea } from '@hoi/domain';
import {
  HOI_CASE_KLE as CATALOGUE_HOI_CASE_KLE,
  HOI_CASE_TITLE as CATALOGUE_HOI_CASE_TITLE,
} from '@hoi/dataset';
import {
  evaluateEligibility,
  HOI_CASE_KLE,
  HOI_CASE_TITLE,
  groupOf,
  reasonsOf,
  screeningFacts,
  type CitizenRecords,
  type Eligibility,
  type EligibilityInput,
  type RuleName,
} from '@hoi/subgraph-screening';

const DAY = '2026-01-15';
let ids = 0;
const id = () => `id-${ids++}`;

const openCase = (
  area: SectorArea,
  kle = '15.20.01',
  over: Partial<CaseRecord> = {},
): CaseRecord => ({
  id: id(),
  title: `Secret case title ${area}`,
  area,
  kle,
  status: 'Oplyst',
  openedAt: '2024-03-01',
  closedAt: null,
  sourceSystem: 'Momentum',
  ...over,
});
const benefit = (kle = '32.24.04', over: Partial<BenefitRecord> = {}): BenefitRecord => ({
  id: id(),
  name: 'Kontanthjælp',
  area: 'EMPLOYMENT',
  kle,
  status: 'Aktiv',
  start: '2025-01-01',
  end: null,
  ...over,
});
const intervention = (
  legalBasis: string | null = 'SEL § 85',
  over: Partial<InterventionRecord> = {},
): InterventionRecord => ({
  id: id(),
  title: 'Secret intervention title',
  area: 'SOCIAL_ADULT',
  kle: '27.36.12',
  legalBasis,
  status: 'IGANG',
  start: '2025-01-01',
  end: null,
  ...over,
});

/** Meets every mandatory criterion (and the optional ones: open cases in two areas). */
const mandatoryRecords = (): CitizenRecords => ({
  cases: [openCase('EMPLOYMENT'), openCase('SOCIAL_ADULT', '27.36.12')],
  benefits: [benefit()],
  interventions: [intervention()],
});

/** A CPR of someone born on `iso` (a real date), with the given 7th digit; not a replacement number. */
function cprBornOn(iso: string, centuryDigit: number, serial = '123'): string {
  return `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}-${centuryDigit}${serial}`;
}

function evaluate(
  over: Partial<EligibilityInput> & { records?: CitizenRecords } = {},
): Eligibility {
  return evaluateEligibility({
    cpr: cprBornOn('1990-06-01', 0),
    records: mandatoryRecords(),
    decisions: { hoiCase: false, declined: false },
    onDate: DAY,
    ...over,
  });
}

const outcome = (e: Eligibility, rule: RuleName) => e.rules.find((r) => r.rule === rule)?.outcome;

describe('evaluateEligibility: the mandatory group', () => {
  it('holds a citizen who meets every criterion, and lists them', () => {
    const e = evaluate();
    expect(e).toMatchObject({ mandatory: true, optional: false, toBeOffered: true, age: 35 });
    expect(e.rules.every((r) => r.outcome === 'MET')).toBe(true);
  });

  it('turns 25 on the birthday itself, not the day before (Copenhagen day given)', () => {
    const cpr = cprBornOn('2001-01-15', 4); // 7th digit 4, YY 01 → 2001
    expect(evaluate({ cpr, onDate: '2026-01-15' })).toMatchObject({ mandatory: true, age: 25 });
    const dayBefore = evaluate({ cpr, onDate: '2026-01-14' });
    expect(dayBefore).toMatchObject({
      mandatory: false,
      optional: true,
      toBeOffered: true,
      age: 24,
    });
    expect(outcome(dayBefore, 'AGE_25_OR_OVER')).toBe('NOT_MET');
  });

  it('counts a 29 February birthday from 1 March in common years', () => {
    const cpr = cprBornOn('2000-02-29', 4);
    expect(evaluate({ cpr, onDate: '2025-02-28' }).age).toBe(24);
    expect(evaluate({ cpr, onDate: '2025-03-01' })).toMatchObject({ age: 25, mandatory: true });
  });

  it.each([
    [
      'no open employment case',
      { cases: [openCase('SOCIAL_ADULT', '27.36.12')] },
      'OPEN_EMPLOYMENT_CASE',
    ],
    [
      'the employment case closed on the day',
      {
        cases: [
          openCase('EMPLOYMENT', '15.20.01', { closedAt: DAY, status: 'Afsluttet' }),
          openCase('SOCIAL_ADULT'),
        ],
      },
      'OPEN_EMPLOYMENT_CASE',
    ],
    [
      'a benefit that is not listed (fleksløntilskud)',
      { benefits: [benefit('32.27.10', { name: 'Fleksløntilskud' })] },
      'ACTIVE_LISTED_BENEFIT',
    ],
    [
      'a listed benefit that is Passiv',
      { benefits: [benefit('32.24.04', { status: 'Passiv' })] },
      'ACTIVE_LISTED_BENEFIT',
    ],
    [
      'a listed benefit that ended the day before',
      { benefits: [benefit('32.30.04', { end: '2026-01-14' })] },
      'ACTIVE_LISTED_BENEFIT',
    ],
    ['no benefit at all', { benefits: [] }, 'ACTIVE_LISTED_BENEFIT'],
    [
      'a social intervention AFSLUTTET',
      { interventions: [intervention('SEL § 85', { status: 'AFSLUTTET' })] },
      'ACTIVE_SOCIAL_INTERVENTION',
    ],
    [
      'a social intervention ANNULLERET',
      { interventions: [intervention('SEL § 107', { status: 'ANNULLERET' })] },
      'ACTIVE_SOCIAL_INTERVENTION',
    ],
    [
      'an intervention under another paragraph (SEL § 103)',
      { interventions: [intervention('SEL § 103')] },
      'ACTIVE_SOCIAL_INTERVENTION',
    ],
    [
      'an intervention under SEL § 850 (not § 85)',
      { interventions: [intervention('SEL § 850')] },
      'ACTIVE_SOCIAL_INTERVENTION',
    ],
    ['no intervention at all', { interventions: [] }, 'ACTIVE_SOCIAL_INTERVENTION'],
  ] as const)('excludes a citizen with %s', (_why, change, rule) => {
    const e = evaluate({ records: { ...mandatoryRecords(), ...change } });
    expect(e.mandatory).toBe(false);
    expect(outcome(e, rule)).toBe('NOT_MET');
  });

  it.each([
    ['SEL § 85', intervention('SEL § 85')],
    ['SEL § 107', intervention('SEL § 107', { kle: '27.57.04' })],
    ['SEL § 108', intervention('SEL § 108', { kle: '27.57.08' })],
    ['SEL § 108 a', intervention('SEL § 108 a', { kle: '27.57.08' })],
    [
      'addiction treatment under SEL § 101',
      intervention('SEL § 101', { area: 'ADDICTION', kle: '27.51.04' }),
    ],
    [
      'addiction treatment under SUL § 141, VISITERET',
      intervention('SUL § 141', { area: 'ADDICTION', kle: '29.24.04', status: 'VISITERET' }),
    ],
    [
      'addiction treatment without a legal basis',
      intervention(null, { area: 'ADDICTION', kle: '29.24.08' }),
    ],
  ])('accepts %s as the social intervention', (_why, social) => {
    expect(
      evaluate({ records: { ...mandatoryRecords(), interventions: [social] } }).mandatory,
    ).toBe(true);
  });

  it.each(['32.24.04', '32.24.08', '32.24.12', '32.24.28', '32.24.30', '32.30.04'])(
    'accepts the listed benefit with KLE %s',
    (kle) => {
      expect(
        evaluate({ records: { ...mandatoryRecords(), benefits: [benefit(kle)] } }).mandatory,
      ).toBe(true);
    },
  );
});

describe('evaluateEligibility: the century rule of the 7th digit', () => {
  // Born 1 January of the year the rule gives; on 2026-01-15.
  it.each([
    ['0', '010190-0123', 36],
    ['3', '010190-3123', 36],
    ['4, YY ≤ 36 → 2000s', '010101-4123', 25],
    ['4, YY ≥ 37 → 1900s', '010137-4123', 89],
    ['9, YY ≤ 36 → 2000s', '010108-9123', 18],
    ['9, YY ≥ 37 → 1900s', '010199-9123', 27],
    ['5, YY ≤ 57 → 2000s', '010102-5123', 24],
    ['6, YY ≤ 57 → 2000s', '010108-6123', 18],
    ['7, YY ≥ 58 → 1800s', '010158-7123', 168],
    ['8, YY ≤ 57 → 2000s', '010109-8123', 17],
  ])('reads the age from digit %s', (_why, cpr, age) => {
    const e = evaluate({ cpr });
    expect(e.age).toBe(age);
    expect(e.mandatory).toBe(age >= 25);
    expect(e.optional).toBe(age >= 18 && age < 25);
  });

  it('takes replacement numbers (day + 60) like the dates they replace', () => {
    // 76 → day 16: born 16 January 2001.
    expect(evaluate({ cpr: '760101-4123', onDate: '2026-01-15' })).toMatchObject({
      age: 24,
      mandatory: false,
    });
    expect(evaluate({ cpr: '760101-4123', onDate: '2026-01-16' })).toMatchObject({
      age: 25,
      mandatory: true,
    });
  });
});

describe('evaluateEligibility: the optional group', () => {
  const optionalRecords = (): CitizenRecords => ({
    cases: [openCase('EMPLOYMENT'), openCase('HEALTH', '29.21.00')],
    benefits: [],
    interventions: [],
  });

  it('turns 18 on the birthday itself', () => {
    const cpr = cprBornOn('2008-01-15', 4);
    expect(evaluate({ cpr, records: optionalRecords() })).toMatchObject({
      optional: true,
      mandatory: false,
      age: 18,
    });
    const dayBefore = evaluate({ cpr, records: optionalRecords(), onDate: '2026-01-14' });
    expect(dayBefore).toMatchObject({
      optional: false,
      mandatory: false,
      toBeOffered: false,
      age: 17,
    });
    expect(outcome(dayBefore, 'AGE_18_OR_OVER')).toBe('NOT_MET');
  });

  it('needs open cases in two areas', () => {
    const e = evaluate({
      records: {
        ...optionalRecords(),
        cases: [openCase('EMPLOYMENT'), openCase('EMPLOYMENT', '15.17.26')],
      },
    });
    expect(e.optional).toBe(false);
    expect(outcome(e, 'OPEN_CASES_IN_TWO_AREAS')).toBe('NOT_MET');
  });

  it('needs EMPLOYMENT among them', () => {
    const e = evaluate({
      records: {
        ...optionalRecords(),
        cases: [openCase('HEALTH', '29.21.00'), openCase('SOCIAL_ADULT', '27.12.12')],
      },
    });
    expect(e.optional).toBe(false);
  });

  it('does not count a closed case', () => {
    const cases = [
      openCase('EMPLOYMENT'),
      openCase('HEALTH', '29.21.00', { status: 'Afsluttet', closedAt: '2025-12-01' }),
    ];
    expect(evaluate({ records: { ...optionalRecords(), cases } }).optional).toBe(false);
  });

  it('is not the group of a citizen in the mandatory group', () => {
    expect(evaluate()).toMatchObject({ mandatory: true, optional: false });
  });
});

describe('evaluateEligibility: exclusions', () => {
  it('keeps a citizen with an open HOI case (KLE 15.17.30) in the group but out of screening', () => {
    const records = {
      ...mandatoryRecords(),
      cases: [...mandatoryRecords().cases, openCase('EMPLOYMENT', '15.17.30')],
    };
    const e = evaluate({ records });
    expect(e).toMatchObject({ mandatory: true, toBeOffered: false });
    expect(outcome(e, 'NO_HOI_CASE')).toBe('NOT_MET');
  });

  it('lets a closed HOI case be', () => {
    const closed = openCase('EMPLOYMENT', '15.17.30', {
      status: 'Afsluttet',
      closedAt: '2025-06-01',
    });
    expect(
      evaluate({ records: { ...mandatoryRecords(), cases: [...mandatoryRecords().cases, closed] } })
        .toBeOffered,
    ).toBe(true);
  });

  it('leaves out a citizen with an HOI case registered here', () => {
    const e = evaluate({ decisions: { hoiCase: true, declined: false } });
    expect(e).toMatchObject({ mandatory: true, toBeOffered: false });
    expect(outcome(e, 'NO_HOI_CASE')).toBe('NOT_MET');
  });

  it('leaves out a citizen who declined', () => {
    const cpr = cprBornOn('2005-03-01', 4);
    const e = evaluate({ cpr, decisions: { hoiCase: false, declined: true } });
    expect(e).toMatchObject({ optional: true, toBeOffered: false });
    expect(outcome(e, 'NOT_DECLINED')).toBe('NOT_MET');
  });
});

describe('evaluateEligibility: what the caller may see', () => {
  it('decides only on visible areas, and says UNKNOWN where evidence may be hidden', () => {
    const e = evaluate({ visible: new Set<SectorArea>(['EMPLOYMENT']) });
    expect(e).toMatchObject({ mandatory: false, optional: false, toBeOffered: false });
    expect(outcome(e, 'ACTIVE_SOCIAL_INTERVENTION')).toBe('UNKNOWN');
    expect(outcome(e, 'OPEN_CASES_IN_TWO_AREAS')).toBe('UNKNOWN');
    expect(outcome(e, 'ACTIVE_LISTED_BENEFIT')).toBe('MET');
    // A hidden area's facts are invisible: the same answer with or without them.
    const without = evaluate({
      visible: new Set<SectorArea>(['EMPLOYMENT']),
      records: { ...mandatoryRecords(), interventions: [], cases: [openCase('EMPLOYMENT')] },
    });
    expect(reasonsOf(without)).toEqual(reasonsOf(e));
  });

  it('meets a rule from visible evidence alone', () => {
    const e = evaluate({ visible: new Set<SectorArea>(['EMPLOYMENT', 'SOCIAL_ADULT']) });
    expect(e).toMatchObject({ mandatory: true, toBeOffered: true });
  });

  it('does not tell a caller without EMPLOYMENT about HOI decisions', () => {
    const e = evaluate({
      visible: new Set<SectorArea>(['SOCIAL_ADULT']),
      decisions: { hoiCase: true, declined: true },
    });
    expect(outcome(e, 'NO_HOI_CASE')).toBe('UNKNOWN');
    expect(outcome(e, 'NOT_DECLINED')).toBe('UNKNOWN');
  });
});

describe('reasonsOf', () => {
  it('names every rule and its outcome, with no titles, names or amounts', () => {
    const e = evaluate();
    const reasons = reasonsOf(e);
    expect(reasons).toHaveLength(8);
    expect(reasons[0]).toBe(
      'MANDATORY.AGE_25_OR_OVER: MET — 35 years old on 2026-01-15 (birth date from the CPR)',
    );
    const text = reasons.join('\n');
    expect(text).not.toMatch(/Secret|Kontanthjælp|Momentum/);
    // Another listed benefit gives the very same reasons: which one it is never shows.
    const other = evaluate({
      records: { ...mandatoryRecords(), benefits: [benefit('32.30.04', { name: 'Sygedagpenge' })] },
    });
    expect(reasonsOf(other)).toEqual(reasons);
  });
});

describe('HOI_CASE_KLE', () => {
  it('is the HOI case of the synthetic dataset', () => {
    expect([HOI_CASE_KLE, HOI_CASE_TITLE]).toEqual([
      CATALOGUE_HOI_CASE_KLE,
      CATALOGUE_HOI_CASE_TITLE,
    ]);
  });
});

describe('screeningFacts and groupOf', () => {
  it('agree with evaluateEligibility', () => {
    for (const records of [
      mandatoryRecords(),
      { ...mandatoryRecords(), benefits: [] },
      { cases: [openCase('EMPLOYMENT')], benefits: [], interventions: [] },
    ]) {
      for (const [cpr, age] of [
        [cprBornOn('1990-01-01', 0), 36],
        [cprBornOn('2005-01-01', 4), 21],
        [cprBornOn('2010-01-01', 4), 16],
      ] as const) {
        const e = evaluate({ cpr, records });
        const group = groupOf(screeningFacts(records, DAY), age);
        expect(group).toBe(e.mandatory ? 'MANDATORY' : e.optional ? 'OPTIONAL' : null);
      }
    }
  });
});
