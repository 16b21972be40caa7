/**
 * Demo HOI plans (DESIGN §3a) for the synthetic dataset, so that a fresh start shows plans: the
 * plan store seeds itself from these. Only citizens with an HOI case (KLE 15.17.30) get one,
 * and ~15 % of them have none yet. A plan is drawn from a stream of its own (seed, citizen
 * index, PLAN_SALT): the citizen generator's stream is never touched, so adding plans changes
 * no citizen and no line of `dataset:sample`.
 */
import {
  copenhagenInstant,
  SECTOR_AREAS,
  type AgreementRecord,
  type AgreementStatus,
  type CitizenRecord,
  type GoalStatus,
  type MeetingRecord,
  type PlanRecord,
  type SectorArea,
  type SubGoalRecord,
} from '@hoi/domain';
import { HOI_CASE_KLE } from './catalogue.js';
import type { Dataset } from './dataset.js';
import { areasWithData, idFactory } from './generateCitizen.js';
import {
  AGREEMENTS,
  CITIZEN_COMMENTS,
  MEETING_TITLES,
  OVERALL_GOALS,
  SHARED_MEETING_TITLES,
  SUB_GOALS,
  type AreaTexts,
} from './planTexts.js';
import { createRandom, type Random } from './random.js';

/** Salt of the plan stream ("PLAN"): distinct from the citizen stream's salt 1. */
const PLAN_SALT = 0x504c414e;
/** First hex digit of the ids' last group: plan ids never equal a citizen record's id. */
const PLAN_ID_NAMESPACE = 1;
const NO_PLAN_SHARE = 0.15;
const DRAFT_SHARE = 0.1;
/**
 * Of the plans with two or more meetings, the share given a clash: ~70 % of the plans with
 * meetings have two or more, so this makes ~20 % of those with meetings overlap.
 */
const OVERLAP_SHARE = 0.28;
/** Meetings start 08:00–15:00 local time, on the quarter hour (minutes after midnight). */
const FIRST_START = 8 * 60;
const LAST_START = 15 * 60;

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of an ISO date, and back. */
const dayNumber = (isoDate: string): number => Math.round(Date.parse(isoDate) / DAY_MS);
const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Day 0 (1970-01-01) was a Thursday. */
const isWeekday = (day: number): boolean => {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
};

/** One value, by weight. */
function weighted<T>(rnd: Random, table: readonly (readonly [T, number])[]): T {
  let r = rnd.next() * table.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}

/** Texts of an area without repeats within a plan (until the area's list runs out). */
function textPicker(rnd: Random, texts: AreaTexts): (area: SectorArea) => string {
  const left = new Map<SectorArea, string[]>();
  return (area) => {
    let queue = left.get(area);
    if (queue === undefined || queue.length === 0) {
      queue = rnd.sample(texts[area], texts[area].length);
      left.set(area, queue);
    }
    return queue.pop()!;
  };
}

/**
 * The plan's areas, from the citizen's open cases: EMPLOYMENT (the HOI case's own area) and
 * one to three more where there are any, so a citizen with open cases in two or more areas
 * gets a joint plan.
 * At most four, so that five sub-goals can cover every area.
 */
function planAreas(rnd: Random, citizen: CitizenRecord): SectorArea[] {
  const open = SECTOR_AREAS.filter((a) =>
    citizen.cases.some((c) => c.area === a && c.closedAt === null),
  );
  const hasEmployment = open.includes('EMPLOYMENT');
  const others: SectorArea[] = open.filter((a) => a !== 'EMPLOYMENT');
  const wanted = Math.min(open.length, rnd.int(2, 4));
  const picked = rnd.sample(others, wanted - (hasEmployment ? 1 : 0));
  return SECTOR_AREAS.filter((a) => (a === 'EMPLOYMENT' && hasEmployment) || picked.includes(a));
}

/** `n` element areas: every plan area once while `n` allows, the rest at random. */
function elementAreas(rnd: Random, areas: readonly SectorArea[], n: number): SectorArea[] {
  const list = n >= areas.length ? [...areas] : rnd.sample(areas, n);
  while (list.length < n) list.push(rnd.pick(areas));
  return list;
}

function goalStatus(rnd: Random, target: string | null, ref: string): GoalStatus {
  if (target === null) {
    return weighted(rnd, [
      ['IN_PROGRESS', 5],
      ['NOT_STARTED', 4],
      ['ACHIEVED', 1],
    ] as const);
  }
  if (target < ref) {
    return weighted(rnd, [
      ['ACHIEVED', 45],
      ['PARTLY_ACHIEVED', 30],
      ['ABANDONED', 15],
      ['IN_PROGRESS', 10],
    ] as const);
  }
  return weighted(rnd, [
    ['IN_PROGRESS', 55],
    ['NOT_STARTED', 35],
    ['PARTLY_ACHIEVED', 5],
    ['ACHIEVED', 5],
  ] as const);
}

function agreementStatus(rnd: Random, due: string | null, ref: string): AgreementStatus {
  if (due === null)
    return weighted(rnd, [
      ['OPEN', 70],
      ['DONE', 25],
      ['CANCELLED', 5],
    ] as const);
  // Past due: mostly done, some overdue and still open.
  if (due < ref)
    return weighted(rnd, [
      ['DONE', 70],
      ['OPEN', 20],
      ['CANCELLED', 10],
    ] as const);
  return weighted(rnd, [
    ['OPEN', 85],
    ['DONE', 15],
  ] as const);
}

const byCreatedAt = <T extends { readonly createdAt: string }>(a: T, b: T): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

/**
 * The demo plan of a citizen of `dataset`, or null: for a citizen without an HOI case, and for
 * ~15 % of those with one (no plan yet). Pure: same dataset seed, reference date and citizen,
 * same plan. Dates lie around the dataset's reference date; times are Copenhagen office hours.
 */
export function generatePlan(dataset: Dataset, citizen: CitizenRecord): PlanRecord | null {
  const hoiCase = citizen.cases.find((c) => c.kle === HOI_CASE_KLE);
  if (hoiCase === undefined) return null;
  const rnd = createRandom(dataset.options.seed, citizen.index, PLAN_SALT);
  if (rnd.chance(NO_PLAN_SHARE)) return null;
  const refIso = dataset.options.referenceDate;
  const ref = dayNumber(refIso);
  const opened = dayNumber(hoiCase.openedAt);
  // The plan is written after the case's opening day and before the reference day.
  const lastDay = ref - 1;
  const areas = planAreas(rnd, citizen);
  if (opened + 1 > lastDay || areas.length === 0) return null;

  const draft = rnd.chance(DRAFT_SHARE);
  // A draft is recent; an active plan was written within two months of the case's opening.
  const createdDay = draft
    ? rnd.int(Math.max(opened + 1, ref - 30), lastDay)
    : Math.min(opened + rnd.int(1, 60), lastDay);
  const officeHours = (day: number): string =>
    copenhagenInstant(isoDay(day), rnd.int(8, 15), rnd.int(0, 59));
  const createdAt = officeHours(createdDay);
  const nextId = idFactory(rnd, citizen.index, PLAN_ID_NAMESPACE);
  const id = nextId();
  /** Most elements are written with the plan, the rest at a later follow-up (a revision). */
  const written = (): { day: number; at: string } => {
    if (createdDay >= lastDay || !rnd.chance(0.35)) return { day: createdDay, at: createdAt };
    const day = rnd.int(Math.max(createdDay + 1, ref - 120), lastDay);
    return { day, at: officeHours(day) };
  };
  /** A target or due date at least a week after the element was written, or null. */
  const dateAfter = (day: number, nullShare: number): string | null =>
    rnd.chance(nullShare) ? null : isoDay(rnd.int(Math.max(ref - 60, day + 7), ref + 180));

  const goalText = textPicker(rnd, SUB_GOALS);
  const subGoals = elementAreas(rnd, areas, rnd.int(Math.max(2, areas.length), 5)).map(
    (area): SubGoalRecord => {
      const { day, at } = written();
      const targetDate = dateAfter(day, 0.15);
      const status = draft ? 'NOT_STARTED' : goalStatus(rnd, targetDate, refIso);
      return { id: nextId(), area, text: goalText(area), targetDate, status, createdAt: at };
    },
  );

  const agreementText = textPicker(rnd, AGREEMENTS);
  const comments = rnd.sample(CITIZEN_COMMENTS, CITIZEN_COMMENTS.length);
  const agreements = elementAreas(rnd, areas, rnd.int(2, 6)).map((area): AgreementRecord => {
    const { day, at } = written();
    const dueDate = dateAfter(day, 0.2);
    return {
      id: nextId(),
      area,
      text: agreementText(area),
      dueDate,
      status: draft ? 'OPEN' : agreementStatus(rnd, dueDate, refIso),
      citizenComment: !draft && rnd.chance(0.2) ? (comments.pop() ?? null) : null,
      createdAt: at,
    };
  });

  const meetings = generateMeetings(rnd, areas, ref, createdDay, createdAt, officeHours, nextId);
  const elements = [...subGoals, ...agreements, ...meetings];
  const latest = elements.map((e) => e.createdAt).reduce((a, b) => (b > a ? b : a), createdAt);
  const candidates = OVERALL_GOALS.filter((g) => g.area === null || areas.includes(g.area));
  return {
    id,
    cpr: citizen.cpr,
    status: draft ? 'DRAFT' : 'ACTIVE',
    // One write created the plan, and one more added each element.
    version: 1 + elements.length,
    overallGoal: rnd.pick(candidates).text,
    createdAt,
    // Elements written with the plan share its instant: only later ones count as a revision.
    revisedAt: latest > createdAt ? latest : null,
    subGoals: subGoals.sort(byCreatedAt),
    agreements: agreements.sort(byCreatedAt),
    meetings: meetings.sort(byCreatedAt),
  };
}

/**
 * 0–4 meetings on weekdays from 30 days before to 60 days after the reference (never before
 * the plan's second day), 30–120 minutes, starting 08:00–15:00 Copenhagen time; each on a day
 * of its own except, in ~20 % of the plans with meetings, one that clashes with another.
 */
function generateMeetings(
  rnd: Random,
  areas: readonly SectorArea[],
  ref: number,
  createdDay: number,
  createdAt: string,
  officeHours: (day: number) => string,
  nextId: () => string,
): MeetingRecord[] {
  const count = weighted(rnd, [
    [0, 15],
    [1, 25],
    [2, 30],
    [3, 20],
    [4, 10],
  ] as const);
  const clashing = count >= 2 && rnd.chance(OVERLAP_SHARE) ? rnd.int(1, count - 1) : -1;
  const weekdays: number[] = [];
  for (let d = Math.max(ref - 30, createdDay + 1); d <= ref + 60; d++) {
    if (isWeekday(d)) weekdays.push(d);
  }
  const slots: { day: number; start: number; minutes: number }[] = [];
  for (let k = 0; k < count; k++) {
    const minutes = rnd.int(2, 8) * 15;
    if (k === clashing) {
      const other = slots[rnd.int(0, k - 1)]!;
      // Quarter-hour starts that overlap `other` (half-open ranges); prefer a different start.
      const starts: number[] = [];
      for (let s = FIRST_START; s <= LAST_START; s += 15) {
        if (s < other.start + other.minutes && s + minutes > other.start && s !== other.start) {
          starts.push(s);
        }
      }
      const start = starts.length > 0 ? rnd.pick(starts) : other.start;
      slots.push({ day: other.day, start, minutes });
    } else {
      const free = weekdays.filter((d) => !slots.some((s) => s.day === d));
      const start = rnd.int(FIRST_START / 15, LAST_START / 15) * 15;
      slots.push({ day: rnd.pick(free), start, minutes });
    }
  }
  return slots.map(({ day, start, minutes }): MeetingRecord => {
    const area = rnd.pick(areas);
    const title = rnd.chance(0.4)
      ? rnd.pick(SHARED_MEETING_TITLES)
      : rnd.pick(MEETING_TITLES[area]);
    const startAt = copenhagenInstant(isoDay(day), Math.floor(start / 60), start % 60);
    // Booked one to 45 days ahead, never before the plan existed nor after the reference day.
    const latestDay = Math.min(ref - 1, day - 1);
    const bookedDay = rnd.int(Math.min(Math.max(createdDay, day - 45), latestDay), latestDay);
    return {
      id: nextId(),
      area,
      title,
      start: startAt,
      end: new Date(Date.parse(startAt) + minutes * 60_000).toISOString(),
      createdAt: bookedDay <= createdDay ? createdAt : officeHours(bookedDay),
    };
  });
}

/**
 * How many citizens, from the first, the plan store seeds demo plans for by default: enough
 * for every demo, and a bounded scan at any dataset size.
 */
export const DEMO_PLAN_CITIZENS = 20_000;

/**
 * The plans of the first `min(limit, dataset.size)` citizens, in index order: what the plan
 * store seeds itself with at first start. Generates each of those citizens once.
 */
export function demoPlans(dataset: Dataset, limit: number): PlanRecord[] {
  const plans: PlanRecord[] = [];
  const n = Math.min(limit, dataset.size);
  for (let i = 0; i < n; i++) {
    const plan = generatePlan(dataset, dataset.at(i));
    if (plan !== null) plans.push(plan);
  }
  return plans;
}

/** One line of `dataset:sample -- N --plans`: a citizen with a demo plan and its plan's areas. */
export interface SamplePlanHolder {
  readonly cpr: string;
  readonly areas: SectorArea[];
  readonly planAreas: SectorArea[];
}

/** The first `n` citizens with a demo plan (among the first `limit`), most plan areas first. */
export function samplePlanHolders(dataset: Dataset, n: number, limit: number): SamplePlanHolder[] {
  return demoPlans(dataset, limit)
    .map((plan) => {
      const inPlan = new Set(
        [...plan.subGoals, ...plan.agreements, ...plan.meetings].map((e) => e.area),
      );
      const citizen = dataset.byCpr(plan.cpr);
      return {
        cpr: plan.cpr,
        areas: citizen ? areasWithData(citizen) : [],
        planAreas: SECTOR_AREAS.filter((a) => inPlan.has(a)),
      };
    })
    .sort((a, b) => b.planAreas.length - a.planAreas.length)
    .slice(0, n);
}
