/**
 * The HOI target-group rules (udsøgning; domain.md §5, §9.4; issue 7), in one pure module.
 * Every rule is named, depends on the sector areas its evidence lives in, and explains its
 * outcome without titles, names or amounts (data minimization): only the rule, met or not,
 * and the age or a count of areas.
 *
 * - Mandatory group ("skal"): age ≥ 25 on the evaluation day (birth date from the CPR with
 *   the century rule, Europe/Copenhagen day), an open EMPLOYMENT case, an active listed
 *   benefit, and an active SEL § 85, §§ 107/108 or addiction-treatment intervention.
 * - Optional group ("kan"): age ≥ 18 and open cases in ≥ 2 areas, EMPLOYMENT among them,
 *   when not in the mandatory group.
 * - Exclusions: an open HOI case (KLE 15.17.30, in the case index or registered through
 *   `registerHoiCase`) or a recorded decline keep a citizen out of screening results
 *   (`toBeOffered` false); they do not change which group the citizen is in.
 *
 * The projection (projection/ScreeningProjection.ts) stores the same facts compactly
 * ({@link screeningFacts}, {@link groupOf}); tests check both paths agree on the whole dataset.
 */
import {
  ageOn,
  type BenefitRecord,
  type CaseRecord,
  type InterventionRecord,
  parseCpr,
  SECTOR_AREAS,
  type SectorArea,
} from '@hoi/domain';

/** KLE of the HOI case: helhedsorienteret plan, beskæftigelsesindsats. */
export const HOI_CASE_KLE = '15.17.30';
/** Title of the HOI case (KLE 15.17.30). */
export const HOI_CASE_TITLE = 'Helhedsorienteret plan – beskæftigelsesindsats';

/**
 * The benefits of the mandatory group, by KLE (the classification, not free-text names):
 * kontanthjælp and uddannelseshjælp (32.24.04), revalideringsydelse (32.24.08),
 * ledighedsydelse (32.24.12), ressourceforløbsydelse (32.24.28 ressourceforløb, 32.24.30
 * jobafklaringsforløb), sygedagpenge (32.30.04).
 */
export const LISTED_BENEFIT_KLES: ReadonlySet<string> = new Set([
  '32.24.04',
  '32.24.08',
  '32.24.12',
  '32.24.28',
  '32.24.30',
  '32.30.04',
]);

/** SEL § 85 (and 85 a), § 107, § 108 (and 108 a) by legal basis text. */
const SOCIAL_LEGAL_BASIS =
  /^\s*(?:SEL|serviceloven|lov om social service)\s*§+\s*(?:85|107|108)(?:\s*a)?\b/i;

/** Intervention statuses that are over. */
const ENDED_INTERVENTION = new Set(['AFSLUTTET', 'ANNULLERET']);

/** A citizen's source records the rules read. */
export interface CitizenRecords {
  readonly cases: readonly CaseRecord[];
  readonly benefits: readonly BenefitRecord[];
  readonly interventions: readonly InterventionRecord[];
}

/** HOI decisions recorded through this subgraph (the decisions store). */
export interface HoiDecisions {
  /** An HOI case registered through `registerHoiCase`. */
  readonly hoiCase: boolean;
  /** A decline recorded through `declineHoi`. */
  readonly declined: boolean;
}

/** No decisions recorded. */
export const NO_DECISIONS: HoiDecisions = Object.freeze({ hoiCase: false, declined: false });

/** A case is open on `onDate` (ISO): not Afsluttet, opened by then, not closed by then. */
export function isOpenCase(c: CaseRecord, onDate: string): boolean {
  return (
    c.status !== 'Afsluttet' && c.openedAt <= onDate && (c.closedAt === null || c.closedAt > onDate)
  );
}

/** A benefit is active on `onDate`: status Aktiv and `onDate` within its period. */
export function isActiveBenefit(b: BenefitRecord, onDate: string): boolean {
  return b.status === 'Aktiv' && b.start <= onDate && (b.end === null || b.end >= onDate);
}

/** An intervention is active on `onDate`: not AFSLUTTET or ANNULLERET, and not ended. */
export function isActiveIntervention(i: InterventionRecord, onDate: string): boolean {
  return !ENDED_INTERVENTION.has(i.status) && (i.end === null || i.end >= onDate);
}

/** A benefit of the mandatory group's list. */
export function isListedBenefit(b: BenefitRecord): boolean {
  return LISTED_BENEFIT_KLES.has(b.kle);
}

/** SEL § 85, §§ 107/108 or addiction treatment. */
export function isSocialIntervention(i: InterventionRecord): boolean {
  return i.area === 'ADDICTION' || (i.legalBasis !== null && SOCIAL_LEGAL_BASIS.test(i.legalBasis));
}

/** The facts the rules decide on, as of one day; also what the projection stores. */
export interface ScreeningFacts {
  /** An open case in EMPLOYMENT. */
  readonly employmentCase: boolean;
  /** An active listed benefit. */
  readonly listedBenefit: boolean;
  /** An active SEL § 85, §§ 107/108 or addiction-treatment intervention. */
  readonly socialIntervention: boolean;
  /** The areas with open cases, in canonical order. */
  readonly openCaseAreas: readonly SectorArea[];
  /** An open HOI case in the case index. */
  readonly hoiCase: boolean;
}

/** The facts the case index alone decides. */
export type CaseFacts = Pick<ScreeningFacts, 'employmentCase' | 'openCaseAreas' | 'hoiCase'>;

/** The facts of a citizen's cases on `onDate`. */
export function caseFacts(cases: readonly CaseRecord[], onDate: string): CaseFacts {
  const open = new Set<SectorArea>();
  let hoiCase = false;
  for (const c of cases) {
    if (!isOpenCase(c, onDate)) continue;
    open.add(c.area);
    if (c.kle === HOI_CASE_KLE) hoiCase = true;
  }
  return {
    employmentCase: open.has('EMPLOYMENT'),
    openCaseAreas: SECTOR_AREAS.filter((a) => open.has(a)),
    hoiCase,
  };
}

/** An active listed benefit on `onDate` among a citizen's benefits. */
export function hasListedBenefit(benefits: readonly BenefitRecord[], onDate: string): boolean {
  return benefits.some((b) => isListedBenefit(b) && isActiveBenefit(b, onDate));
}

/** An active social intervention on `onDate` among a citizen's interventions. */
export function hasSocialIntervention(
  interventions: readonly InterventionRecord[],
  onDate: string,
): boolean {
  return interventions.some((i) => isSocialIntervention(i) && isActiveIntervention(i, onDate));
}

/**
 * The facts of a citizen's records on `onDate`: one part per source, so a bulk read can
 * take each from its own source (projection/exportFeed.ts).
 */
export function screeningFacts(records: CitizenRecords, onDate: string): ScreeningFacts {
  const cases = caseFacts(records.cases, onDate);
  return {
    employmentCase: cases.employmentCase,
    listedBenefit: hasListedBenefit(records.benefits, onDate),
    socialIntervention: hasSocialIntervention(records.interventions, onDate),
    openCaseAreas: cases.openCaseAreas,
    hoiCase: cases.hoiCase,
  };
}

/** The mandatory group's criteria other than age. */
export function meetsMandatoryFacts(f: ScreeningFacts): boolean {
  return f.employmentCase && f.listedBenefit && f.socialIntervention;
}

/** The optional group's criteria other than age (open cases in ≥ 2 areas incl. EMPLOYMENT). */
export function meetsOptionalFacts(f: ScreeningFacts): boolean {
  return f.employmentCase && f.openCaseAreas.length >= 2;
}

/** Minimum age of the mandatory group. */
export const MANDATORY_MIN_AGE = 25;
/** Minimum age of the optional group. */
export const OPTIONAL_MIN_AGE = 18;

/** The two target groups. */
export type HoiGroup = 'MANDATORY' | 'OPTIONAL';

/** The group of a citizen with these facts at this age, or null (exclusions aside). */
export function groupOf(f: ScreeningFacts, age: number): HoiGroup | null {
  if (age >= MANDATORY_MIN_AGE && meetsMandatoryFacts(f)) return 'MANDATORY';
  if (age >= OPTIONAL_MIN_AGE && meetsOptionalFacts(f)) return 'OPTIONAL';
  return null;
}

/** What a rule found: met, not met, or unknown because its evidence is in an area not visible. */
export type RuleOutcome = 'MET' | 'NOT_MET' | 'UNKNOWN';

/** The rule names, as they appear in reasons. */
export type RuleName =
  | 'AGE_25_OR_OVER'
  | 'OPEN_EMPLOYMENT_CASE'
  | 'ACTIVE_LISTED_BENEFIT'
  | 'ACTIVE_SOCIAL_INTERVENTION'
  | 'AGE_18_OR_OVER'
  | 'OPEN_CASES_IN_TWO_AREAS'
  | 'NO_HOI_CASE'
  | 'NOT_DECLINED';

/** One rule's result. */
export interface RuleResult {
  readonly rule: RuleName;
  /** Which part of the decision the rule belongs to. */
  readonly part: HoiGroup | 'EXCLUSION';
  readonly outcome: RuleOutcome;
  /** Why, without titles, names or amounts. */
  readonly explanation: string;
}

interface RuleInput {
  readonly facts: ScreeningFacts;
  readonly decisions: HoiDecisions;
  readonly age: number;
  readonly onDate: string;
}

interface Rule {
  readonly name: RuleName;
  readonly part: HoiGroup | 'EXCLUSION';
  /** The areas the rule's evidence lives in; all must be visible to say NOT_MET. */
  readonly areas: readonly SectorArea[];
  /** Met by the absence of something: then all its areas must be visible to say MET too. */
  readonly absence?: true;
  readonly met: (input: RuleInput) => boolean;
  readonly explain: (met: boolean, input: RuleInput) => string;
}

const ageText = ({ age, onDate }: RuleInput) =>
  `${age} years old on ${onDate} (birth date from the CPR)`;

/** The rules, in the order reasons list them. */
export const RULES: readonly Rule[] = [
  {
    name: 'AGE_25_OR_OVER',
    part: 'MANDATORY',
    areas: [],
    met: ({ age }) => age >= MANDATORY_MIN_AGE,
    explain: (_met, input) => ageText(input),
  },
  {
    name: 'OPEN_EMPLOYMENT_CASE',
    part: 'MANDATORY',
    areas: ['EMPLOYMENT'],
    met: ({ facts }) => facts.employmentCase,
    explain: (met) => (met ? 'an open case in EMPLOYMENT' : 'no open case in EMPLOYMENT'),
  },
  {
    name: 'ACTIVE_LISTED_BENEFIT',
    part: 'MANDATORY',
    areas: ['EMPLOYMENT'],
    met: ({ facts }) => facts.listedBenefit,
    explain: (met) =>
      `${met ? 'an' : 'no'} active benefit among kontanthjælp, uddannelseshjælp, sygedagpenge, ` +
      'revalideringsydelse, ressourceforløbsydelse, ledighedsydelse',
  },
  {
    name: 'ACTIVE_SOCIAL_INTERVENTION',
    part: 'MANDATORY',
    areas: ['SOCIAL_ADULT', 'ADDICTION'],
    met: ({ facts }) => facts.socialIntervention,
    explain: (met) =>
      `${met ? 'an' : 'no'} active SEL § 85, §§ 107/108 or addiction-treatment intervention`,
  },
  {
    name: 'AGE_18_OR_OVER',
    part: 'OPTIONAL',
    areas: [],
    met: ({ age }) => age >= OPTIONAL_MIN_AGE,
    explain: (_met, input) => ageText(input),
  },
  {
    name: 'OPEN_CASES_IN_TWO_AREAS',
    part: 'OPTIONAL',
    areas: SECTOR_AREAS,
    met: ({ facts }) => meetsOptionalFacts(facts),
    explain: (_met, { facts }) =>
      `open cases in ${facts.openCaseAreas.length} area(s), EMPLOYMENT ${facts.employmentCase ? '' : 'not '}among them ` +
      '(2 or more, EMPLOYMENT among them, needed)',
  },
  {
    name: 'NO_HOI_CASE',
    part: 'EXCLUSION',
    areas: ['EMPLOYMENT'],
    absence: true,
    met: ({ facts, decisions }) => !facts.hoiCase && !decisions.hoiCase,
    explain: (met) =>
      met ? 'no open HOI case (KLE 15.17.30)' : 'an HOI case (KLE 15.17.30) is open already',
  },
  {
    name: 'NOT_DECLINED',
    part: 'EXCLUSION',
    areas: ['EMPLOYMENT'],
    absence: true,
    met: ({ decisions }) => !decisions.declined,
    explain: (met) => (met ? 'no decline of HOI recorded' : 'the citizen declined HOI'),
  },
];

/** The result of evaluating one citizen. */
export interface Eligibility {
  /** Every mandatory rule is MET. */
  readonly mandatory: boolean;
  /** Every optional rule is MET, and the citizen is not in the mandatory group. */
  readonly optional: boolean;
  /** In a group and no exclusion applies: the citizen appears in screening results. */
  readonly toBeOffered: boolean;
  readonly age: number;
  readonly rules: readonly RuleResult[];
}

/** What {@link evaluateEligibility} needs. */
export interface EligibilityInput {
  readonly cpr: string;
  readonly records: CitizenRecords;
  readonly decisions: HoiDecisions;
  /** The evaluation day (ISO date, Europe/Copenhagen). */
  readonly onDate: string;
  /**
   * The areas whose records the caller may see; rules are decided on those records only, and
   * a rule whose evidence may lie in a hidden area is UNKNOWN rather than NOT_MET, so nothing
   * about a hidden area can be inferred (DESIGN §4). @default every area (statutory screening)
   */
  readonly visible?: ReadonlySet<SectorArea>;
}

/** Evaluates the rules for one citizen. */
export function evaluateEligibility(input: EligibilityInput): Eligibility {
  const visible = input.visible ?? new Set(SECTOR_AREAS);
  const shown = (r: { readonly area: SectorArea }) => visible.has(r.area);
  const records: CitizenRecords = {
    cases: input.records.cases.filter(shown),
    benefits: input.records.benefits.filter(shown),
    interventions: input.records.interventions.filter(shown),
  };
  const age = ageOn(parseCpr(input.cpr).birthDate, input.onDate);
  const decisions: HoiDecisions = visible.has('EMPLOYMENT') ? input.decisions : NO_DECISIONS;
  const ruleInput: RuleInput = {
    facts: screeningFacts(records, input.onDate),
    decisions,
    age,
    onDate: input.onDate,
  };
  const rules = RULES.map((rule): RuleResult => {
    const met = rule.met(ruleInput);
    const hidden = rule.areas.filter((a) => !visible.has(a));
    if (hidden.length === 0 || (met && !rule.absence)) {
      return {
        rule: rule.name,
        part: rule.part,
        outcome: met ? 'MET' : 'NOT_MET',
        explanation: rule.explain(met, ruleInput),
      };
    }
    return {
      rule: rule.name,
      part: rule.part,
      outcome: 'UNKNOWN',
      explanation: `not decidable: ${hidden.join(', ')} not visible to the caller`,
    };
  });
  const allMet = (part: RuleResult['part']) =>
    rules.every((r) => r.part !== part || r.outcome === 'MET');
  const mandatory = allMet('MANDATORY');
  const optional = !mandatory && allMet('OPTIONAL');
  return {
    mandatory,
    optional,
    toBeOffered: (mandatory || optional) && allMet('EXCLUSION'),
    age,
    rules,
  };
}

/** The reasons of a result: one line per rule, `PART.RULE: OUTCOME — explanation`. */
export function reasonsOf(e: Eligibility): string[] {
  return e.rules.map((r) => `${r.part}.${r.rule}: ${r.outcome} — ${r.explanation}`);
}
