/**
 * Generates one citizen's records from (seed, index) alone, following domain.md §9.4:
 * ~25 % HOI mandatory-group candidates, ~15 % optional, ~60 % neither; of the candidates
 * ~70 % with an active consent, ~10 % withdrawn, ~5 % expired, the rest none; ~5 % of the
 * candidates already have an HOI case (KLE 15.17.30).
 */
import {
  ageOn,
  type BenefitRecord,
  type CaseRecord,
  type CitizenRecord,
  type ConsentRecord,
  type EmploymentRecord,
  type GeneratedGroup,
  type InterventionRecord,
  parseCpr,
  SECTOR_AREAS,
  type SectorArea,
  type Actor,
} from '@hoi/domain';
import {
  BENEFIT_KINDS,
  CASE_KINDS,
  CONTACT_GROUPS,
  HOI_CASE_KLE,
  HOI_CASE_TITLE,
  INTERVENTION_KINDS,
  JOB_GOALS,
  SOURCE_SYSTEMS,
  VISITATIONS,
  type BenefitKind,
  type CaseKind,
  type InterventionKind,
} from './catalogue.js';
import { createRandom, type Random } from './random.js';

const NON_EMPLOYMENT = SECTOR_AREAS.filter((a) => a !== 'EMPLOYMENT');
const HOI_BENEFITS = BENEFIT_KINDS.filter((k) => k.hoiListed);
const OTHER_BENEFITS = BENEFIT_KINDS.filter((k) => !k.hoiListed);
const HOI_SOCIAL = INTERVENTION_KINDS.filter((k) => k.hoiSocial);
/** Share of HOI candidates that already have an HOI case (KLE 15.17.30). */
const HOI_CASE_SHARE = 0.05;
/** A table with one entry per area, computed once at load (not per citizen). */
function perArea<T>(f: (area: SectorArea) => T): Readonly<Record<SectorArea, T>> {
  const table = {} as Record<SectorArea, T>;
  for (const area of SECTOR_AREAS) table[area] = f(area);
  return table;
}
/** Per area, the case kinds drawn at random: never the HOI case, which only candidates get. */
const PICKABLE_CASE_KINDS = perArea<readonly CaseKind[]>((a) =>
  CASE_KINDS[a].filter((k) => k.kle !== HOI_CASE_KLE),
);
/** Per area, the interventions that are not HOI social ones. */
const OTHER_INTERVENTIONS_BY_AREA = perArea<readonly InterventionKind[]>((a) =>
  INTERVENTION_KINDS.filter((x) => x.area === a && !x.hoiSocial),
);

/** Context shared by all citizens of one dataset. */
export interface GenerationContext {
  readonly seed: number;
  /** ISO date that all generated dates are relative to ("today" of the dataset). */
  readonly referenceDate: string;
}

/**
 * Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, years 0000–9999): the same value as
 * `Date.parse(isoDate) / 86_400_000`, without the Date machinery (the generator's hot path;
 * days_from_civil after H. Hinnant).
 */
function epochDay(isoDate: string): number {
  // Inline digit arithmetic: a local helper closure would be re-created on every call.
  let y =
    isoDate.charCodeAt(0) * 1000 +
    isoDate.charCodeAt(1) * 100 +
    isoDate.charCodeAt(2) * 10 +
    isoDate.charCodeAt(3) -
    48 * 1111;
  const m = isoDate.charCodeAt(5) * 10 + isoDate.charCodeAt(6) - 48 * 11;
  const d = isoDate.charCodeAt(8) * 10 + isoDate.charCodeAt(9) - 48 * 11;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The ISO date of a day number: `new Date(day * 86_400_000).toISOString().slice(0, 10)`. */
function isoOfEpochDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

function addDays(isoDate: string, days: number): string {
  return isoOfEpochDay(epochDay(isoDate) + days);
}

const HEX_DIGITS = '0123456789abcdef';

/** `digits` random lower-case hex digits (one draw each, in order). */
function randomHex(rnd: Random, digits: number): string {
  let s = '';
  for (let k = 0; k < digits; k++) s += HEX_DIGITS[rnd.int(0, 15)];
  return s;
}

/**
 * UUID-shaped ids that are unique by construction: the last group encodes (citizen, n), and
 * its first hex digit a `namespace` (0 for citizen records), so the ids of other generators
 * (the plans) never collide with a citizen's. Draws from `rnd`: use the caller's own stream.
 */
export function idFactory(rnd: Random, index: number, namespace = 0): () => string {
  let n = 0;
  return () => {
    const tail = (namespace * 2 ** 44 + index * 256 + n++).toString(16).padStart(12, '0');
    return `${randomHex(rnd, 8)}-${randomHex(rnd, 4)}-4${randomHex(rnd, 3)}-${'89ab'[rnd.int(0, 3)]}${randomHex(rnd, 3)}-${tail}`;
  };
}

class CitizenBuilder {
  readonly cases: CaseRecord[] = [];
  readonly benefits: BenefitRecord[] = [];
  readonly interventions: InterventionRecord[] = [];
  readonly nextId: () => string;

  constructor(
    private readonly rnd: Random,
    private readonly ref: string,
    index: number,
  ) {
    this.nextId = idFactory(rnd, index);
  }

  /** A start date in the past and, for inactive records, an end date before the reference. */
  private period(active: boolean): { start: string; end: string | null } {
    const start = addDays(this.ref, -this.rnd.int(30, 1500));
    if (active)
      return { start, end: this.rnd.chance(0.3) ? addDays(this.ref, this.rnd.int(30, 400)) : null };
    const span = Math.max(1, epochDay(this.ref) - epochDay(start) - 1);
    return { start, end: addDays(start, this.rnd.int(1, span)) };
  }

  addCase(area: SectorArea, active: boolean, title?: string): void {
    const kinds = CASE_KINDS[area];
    const kind = kinds.find((k) => k.title === title) ?? this.rnd.pick(PICKABLE_CASE_KINDS[area]);
    const { start, end } = this.period(active);
    this.cases.push({
      id: this.nextId(),
      title: kind.title,
      area,
      kle: kind.kle,
      status: active ? this.rnd.pick(['Opstaaet', 'Oplyst', 'Afgjort']) : 'Afsluttet',
      openedAt: start,
      closedAt: active ? null : end,
      sourceSystem: this.rnd.pick(SOURCE_SYSTEMS[area]),
    });
  }

  addBenefit(kind: BenefitKind, active: boolean): void {
    const { start, end } = this.period(active);
    this.benefits.push({
      id: this.nextId(),
      name: kind.name,
      area: kind.area,
      kle: kind.kle,
      status: active ? 'Aktiv' : this.rnd.pick(['Inaktiv', 'Passiv']),
      start,
      end,
    });
  }

  addIntervention(kind: InterventionKind, active: boolean): void {
    const { start, end } = this.period(active);
    this.interventions.push({
      id: this.nextId(),
      title: kind.title,
      area: kind.area,
      kle: kind.kle,
      legalBasis: kind.legalBasis,
      status: active
        ? this.rnd.pick(['VISITERET', 'PLANLAGT', 'IGANG', 'IGANG', 'PAUSET'])
        : 'AFSLUTTET',
      start,
      end,
    });
  }

  /** A few cases, maybe an intervention, for an extra area. */
  addArea(area: SectorArea): void {
    const n = this.rnd.int(1, 2);
    for (let k = 0; k < n; k++) this.addCase(area, k === 0 || this.rnd.chance(0.5));
    const kinds = OTHER_INTERVENTIONS_BY_AREA[area];
    if (kinds.length > 0 && this.rnd.chance(0.5)) this.addIntervention(this.rnd.pick(kinds), true);
  }
}

function chooseGroup(rnd: Random, age: number): GeneratedGroup {
  const r = rnd.next();
  if (age >= 25 && r < 0.27) return 'MANDATORY';
  if (age >= 18 && r >= 0.27 && r < 0.43) return 'OPTIONAL';
  return 'NONE';
}

function employmentRecord(rnd: Random, ref: string, contactGroup: string): EmploymentRecord {
  return {
    contactGroup,
    visitation: rnd.chance(0.9) ? rnd.pick(VISITATIONS) : null,
    jobGoals: rnd.sample(JOB_GOALS, rnd.int(0, 3)),
    registeredSince: addDays(ref, -rnd.int(20, 2000)),
  };
}

/** Units that record consents for citizens, in the synthetic register. */
const CONSENT_UNITS = ['Jobcenter Nord', 'Jobcenter Syd', 'Socialforvaltningen', 'Borgerservice'];

/**
 * Who recorded a seeded consent: the citizen (self-service) or a caseworker of one unit. Read
 * from the consent's id, not drawn from the stream, so adding it changed no other record.
 */
function consentActor(id: string): Actor {
  const n = Number.parseInt(id.slice(-2), 16);
  return n % 3 === 0
    ? { role: 'citizen', unit: null }
    : { role: 'caseworker', unit: CONSENT_UNITS[n % CONSENT_UNITS.length] as string };
}

function consentHistory(
  rnd: Random,
  b: CitizenBuilder,
  ref: string,
  cpr: string,
  areas: readonly SectorArea[],
  candidate: boolean,
): ConsentRecord[] {
  if (areas.length === 0) return [];
  const r = rnd.next();
  const [pActive, pWithdrawn, pExpired] = candidate ? [0.7, 0.1, 0.05] : [0.05, 0.01, 0.01];
  const consentAreas = rnd.chance(0.8) ? [...areas] : rnd.sample(areas, rnd.int(1, areas.length));
  const ordered = SECTOR_AREAS.filter((a) => consentAreas.includes(a));
  const instant = (date: string): string =>
    new Date(Date.parse(date) + rnd.int(8 * 3600, 15 * 3600) * 1000).toISOString();
  const given = (fromDaysAgo: number, toDaysAgo: number): string =>
    instant(addDays(ref, -rnd.int(toDaysAgo, fromDaysAgo)));
  const record = (
    status: 'ACTIVE' | 'WITHDRAWN',
    givenAt: string,
    validUntil: string,
    withdrawnAt: string | null,
  ): ConsentRecord => {
    const id = b.nextId();
    const by = consentActor(id);
    return {
      id,
      cpr,
      status,
      areas: ordered,
      givenAt,
      validUntil,
      withdrawnAt,
      channel: by.role === 'citizen' ? 'SELF_SERVICE' : 'RECORDED_BY_CASEWORKER',
      givenBy: by,
      withdrawnBy: withdrawnAt === null ? null : by,
    };
  };

  if (r < pActive) {
    const history: ConsentRecord[] = [];
    if (rnd.chance(0.2)) {
      const old = given(700, 400);
      history.push(record('WITHDRAWN', old, addDays(old.slice(0, 10), 365), given(390, 200)));
    }
    history.push(record('ACTIVE', given(180, 1), addDays(ref, rnd.int(30, 400)), null));
    return history;
  }
  if (r < pActive + pWithdrawn) {
    const at = given(400, 60);
    return [record('WITHDRAWN', at, addDays(at.slice(0, 10), 365), given(50, 1))];
  }
  if (r < pActive + pWithdrawn + pExpired) {
    const at = given(600, 400);
    return [record('ACTIVE', at, addDays(ref, -rnd.int(1, 180)), null)];
  }
  return [];
}

/** Generates the citizen at `index` with CPR `cpr`. Pure: same inputs, same citizen. */
export function generateCitizen(ctx: GenerationContext, index: number, cpr: string): CitizenRecord {
  const rnd = createRandom(ctx.seed, index, 1);
  const { birthDate } = parseCpr(cpr);
  const age = ageOn(birthDate, ctx.referenceDate);
  const group = chooseGroup(rnd, age);
  const b = new CitizenBuilder(rnd, ctx.referenceDate, index);
  let employment: EmploymentRecord | null = null;

  if (group === 'MANDATORY' || group === 'OPTIONAL') {
    const contact = rnd.pick(CONTACT_GROUPS);
    employment = employmentRecord(rnd, ctx.referenceDate, contact.group);
    b.addCase('EMPLOYMENT', true, 'Min Plan – beskæftigelsesindsats');
    if (rnd.chance(0.6)) b.addCase('EMPLOYMENT', rnd.chance(0.5));
    // The optional group misses at least one mandatory criterion: the listed benefit or the
    // social intervention (or the age, when under 25).
    const missing = group === 'OPTIONAL' && age >= 25 ? rnd.pick(['benefit', 'social']) : 'none';
    const benefit = HOI_BENEFITS.find((k) => k.name === contact.benefit) ?? rnd.pick(HOI_BENEFITS);
    if (missing !== 'benefit') b.addBenefit(benefit, true);
    if (rnd.chance(0.4)) b.addBenefit(rnd.pick(OTHER_BENEFITS), rnd.chance(0.6));
    if (missing !== 'social' && (group === 'MANDATORY' || rnd.chance(0.5))) {
      const social = rnd.pick(HOI_SOCIAL);
      b.addIntervention(social, true);
      const titles = CASE_KINDS[social.area].filter((k) => k.kle === social.kle);
      b.addCase(social.area, true, titles[0]?.title);
    }
    if (rnd.chance(0.5)) {
      b.addIntervention(rnd.pick(INTERVENTION_KINDS.filter((k) => k.area === 'EMPLOYMENT')), true);
    }
    const others = NON_EMPLOYMENT.filter((a) => !b.cases.some((x) => x.area === a));
    const extra = group === 'OPTIONAL' ? rnd.int(1, 3) : rnd.int(0, 2);
    for (const area of rnd.sample(others, extra)) b.addArea(area);
    // A few candidates already have their HOI plan: screening must leave them out.
    if (rnd.chance(HOI_CASE_SHARE)) b.addCase('EMPLOYMENT', true, HOI_CASE_TITLE);
  } else {
    const r = rnd.next();
    if (r < 0.2) {
      // no records in any source
    } else if (r < 0.6) {
      const area = rnd.pick(
        age < 18 ? (['CHILDREN_FAMILY', 'EDUCATION', 'HEALTH'] as const) : SECTOR_AREAS,
      );
      b.addArea(area);
      if (area === 'EMPLOYMENT' && rnd.chance(0.7)) {
        employment = employmentRecord(rnd, ctx.referenceDate, rnd.pick(CONTACT_GROUPS).group);
      }
    } else {
      // Several areas, but no active employment case: not an HOI candidate.
      for (const area of rnd.sample(NON_EMPLOYMENT, rnd.int(2, 3))) b.addArea(area);
      if (age >= 18 && rnd.chance(0.3)) b.addCase('EMPLOYMENT', false);
    }
  }

  const areas = areasWithData({ ...b, employment });
  const consents = consentHistory(rnd, b, ctx.referenceDate, cpr, areas, group !== 'NONE');
  return {
    index,
    cpr,
    birthDate,
    group,
    cases: b.cases,
    benefits: b.benefits,
    interventions: b.interventions,
    employment,
    consents,
  };
}

/** Every area in which the citizen has any case, benefit, intervention or employment record. */
export function areasWithData(
  c: Pick<CitizenRecord, 'cases' | 'benefits' | 'interventions' | 'employment'>,
): SectorArea[] {
  return SECTOR_AREAS.filter(
    (a) =>
      c.cases.some((x) => x.area === a) ||
      c.benefits.some((x) => x.area === a) ||
      c.interventions.some((x) => x.area === a) ||
      (a === 'EMPLOYMENT' && c.employment !== null),
  );
}
