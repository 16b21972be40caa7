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
import { idFactory } from './generateCitizen.js';
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

type AreaTexts = Readonly<Record<SectorArea, readonly string[]>>;

/** Overall goals in the citizen's words; an area-bound one only where the plan has that area. */
const OVERALL_GOALS: readonly { readonly text: string; readonly area: SectorArea | null }[] = [
  {
    text: 'Jeg vil gerne have et arbejde, hvor jeg kan bruge mine hænder, og have styr på min økonomi',
    area: null,
  },
  {
    text: 'Jeg vil gerne have en hverdag med faste rammer og komme tilbage på arbejdsmarkedet',
    area: null,
  },
  { text: 'Jeg vil gerne tjene mine egne penge og ikke være afhængig af kommunen', area: null },
  {
    text: 'Jeg vil gerne have én plan, som alle følger, så jeg ikke skal fortælle min historie igen og igen',
    area: null,
  },
  {
    text: 'Jeg vil gerne arbejde udendørs eller med dyr og have det godt med mig selv',
    area: null,
  },
  {
    text: 'Jeg vil gerne have et job med gode kolleger, hvor jeg føler, at jeg gør en forskel',
    area: null,
  },
  {
    text: 'Jeg vil gerne have min egen lejlighed og klare mig selv med lidt støtte',
    area: 'SOCIAL_ADULT',
  },
  {
    text: 'Jeg vil gerne have styr på min gæld og komme i gang med et fleksjob',
    area: 'SOCIAL_ADULT',
  },
  {
    text: 'Jeg vil gerne være et godt forbillede for mine børn og have et job, der passer til mit helbred',
    area: 'CHILDREN_FAMILY',
  },
  {
    text: 'Jeg vil gerne have overskud til mine børn og et arbejde, der passer med deres skoletider',
    area: 'CHILDREN_FAMILY',
  },
  {
    text: 'Jeg vil gerne have det bedre med min ryg, så jeg kan arbejde nogle timer om ugen',
    area: 'HEALTH',
  },
  { text: 'Jeg vil gerne kunne klare en almindelig arbejdsdag og sove om natten', area: 'HEALTH' },
  {
    text: 'Jeg vil gerne have en uddannelse, så jeg kan få et job, jeg er glad for',
    area: 'EDUCATION',
  },
  { text: 'Jeg vil gerne lære bedre dansk og få et arbejde i et køkken', area: 'EDUCATION' },
  {
    text: 'Jeg vil gerne være fri af stofferne og have noget at stå op til om morgenen',
    area: 'ADDICTION',
  },
  {
    text: 'Jeg vil gerne stoppe med at drikke og have et arbejde, hvor jeg passer ind',
    area: 'ADDICTION',
  },
];

const SUB_GOALS: AreaTexts = {
  EMPLOYMENT: [
    'Jeg er i virksomhedspraktik 12 timer om ugen inden for lager og logistik',
    'Jeg har afklaret, hvor mange timer om ugen jeg kan arbejde',
    'Jeg har et opdateret CV og søger to relevante job om måneden',
    'Jeg har gennemført et AMU-kursus i truckkørsel',
    'Jeg møder stabilt op i praktikken og giver besked, hvis jeg er syg',
    'Jeg er ansat med løntilskud i en lokal virksomhed',
    'Min sag er forelagt rehabiliteringsteamet med en afklaret arbejdsevne',
    'Jeg ved, om fleksjob er en mulighed for mig',
  ],
  SOCIAL_ADULT: [
    'Jeg betaler husleje og regninger til tiden',
    'Jeg har overblik over min gæld og en afdragsordning, jeg kan overholde',
    'Jeg har en fast døgnrytme og står op før kl. 9 på hverdage',
    'Jeg bor i min egen lejlighed med bostøtte',
    'Jeg læser min digitale post en gang om ugen',
    'Jeg deltager i et fællesskab uden for hjemmet en gang om ugen',
    'Jeg handler ind og laver selv mad de fleste dage',
  ],
  CHILDREN_FAMILY: [
    'Mine børn kommer i skole hver dag og til tiden',
    'Vi har faste rutiner om morgenen og ved sengetid',
    'Jeg deltager i forældremøder og skole-hjem-samtaler',
    'Samværet med min søn foregår fast hver anden weekend',
    'Familien har gennemført forløbet med familiebehandling',
    'Jeg har overskud til at være sammen med mine børn om eftermiddagen',
    'Vi har en plan for, hvem der henter og bringer børnene, når jeg er i praktik',
  ],
  HEALTH: [
    'Jeg går til genoptræning to gange om ugen og laver øvelserne hjemme',
    'Jeg sover bedre og har færre dage med smerter',
    'Jeg går en tur på 30 minutter hver dag',
    'Jeg tager min medicin, som jeg har aftalt med lægen',
    'Mine rygsmerter er udredt, og jeg ved, hvad jeg kan tåle',
    'Jeg har lært at håndtere angst og uro i hverdagen',
    'Jeg har været hos tandlægen og har en plan for behandlingen',
  ],
  EDUCATION: [
    'Jeg går på FGU og møder op fire dage om ugen',
    'Jeg har bestået Danskuddannelse 2, modul 4',
    'Jeg har valgt en uddannelse, som jeg vil søge ind på',
    'Jeg har fået ordblindeundervisning og læser bedre',
    'Jeg har gennemført et brobygningsforløb til en erhvervsuddannelse',
    'Min uddannelse fra mit hjemland er vurderet og godkendt',
    'Jeg har en plan for lektier, som jeg kan følge',
  ],
  ADDICTION: [
    'Jeg er stoffri og afleverer rene urinprøver',
    'Jeg drikker ikke alkohol på hverdage',
    'Jeg deltager fast i behandlingen i misbrugscentret',
    'Jeg har været afholdende i tre måneder',
    'Jeg ved, hvad jeg gør, når trangen kommer',
    'Jeg er stabil i min substitutionsbehandling',
    'Jeg har venner og aktiviteter uden stoffer og alkohol',
  ],
};

/** Agreements: who does what, in the words used at the meeting. */
const AGREEMENTS: AreaTexts = {
  EMPLOYMENT: [
    'Jobkonsulenten finder en praktikplads inden for lager, og jeg tager med til den første samtale',
    'Jeg opdaterer mit CV sammen med min mentor',
    'Jobcentret bevilger et AMU-kursus i truckkørsel, og jeg tilmelder mig',
    'Jeg søger to job om måneden og viser dem til min jobkonsulent',
    'Jobkonsulenten indhenter en lægeattest til rehabiliteringsteamet',
    'Jeg ringer til praktikstedet før kl. 8, hvis jeg er syg',
    'Mentoren ringer til mig om mandagen og hjælper mig med at planlægge ugen',
    'Jeg deltager i jobsøgningsforløbet hver tirsdag formiddag',
  ],
  SOCIAL_ADULT: [
    'Bostøttemedarbejderen kommer hver torsdag, og vi åbner posten sammen',
    'Socialrådgiveren hjælper mig med at søge om hjælp til depositum',
    'Jeg laver et budget med min bostøtte og følger det hver måned',
    'Jeg kontakter gældsrådgivningen og tager mine papirer med',
    'Min kontaktperson går med til det første møde i foreningen',
    'Jeg tilmelder husleje og el til Betalingsservice',
    'Socialrådgiveren søger om en plads i et midlertidigt botilbud, og jeg ser stedet først',
  ],
  CHILDREN_FAMILY: [
    'Familiebehandleren kommer hjemme hos os hver anden uge',
    'Jeg deltager i skole-hjem-samtalen og fortæller min rådgiver, hvordan det gik',
    'Børnerådgiveren taler med skolen, så praktiktiderne passer med afhentning',
    'Jeg laver en ugeplan for morgenrutinerne sammen med familiebehandleren',
    'Rådgiveren undersøger, om vi kan få en aflastningsfamilie',
    'Jeg melder mig til kommunens forældrekursus',
    'Jeg kontakter skolen samme dag, hvis min datter bliver hjemme',
  ],
  HEALTH: [
    'Jeg bestiller tid hos min læge om smerterne inden næste opfølgning',
    'Fysioterapeuten laver et træningsprogram, som jeg kan følge hjemme',
    'Jeg deltager i kommunens forløb om søvn og stress',
    'Jeg giver samtykke til, at jobcentret må indhente oplysninger fra min læge',
    'Sygeplejersken hjælper mig med at dosere min medicin i en ugeæske',
    'Jeg går til tandlægen, og socialrådgiveren ser på, om jeg kan få hjælp til regningen',
    'Sundhedscentret ringer til mig om et forløb med motion',
  ],
  EDUCATION: [
    'Vejlederen i ungeindsatsen hjælper mig med at søge ind på FGU',
    'Jeg møder op til danskundervisning tre gange om ugen',
    'Jobcentret undersøger, om jeg kan få ordblindeundervisning',
    'Jeg besøger to erhvervsskoler sammen med min kontaktperson',
    'Studievejlederen hjælper mig med at lægge en plan for lektierne',
    'Vejlederen sender mine eksamenspapirer til vurdering',
    'Jeg tilmelder mig optagelsesprøven inden fristen',
  ],
  ADDICTION: [
    'Jeg møder til samtale i misbrugscentret hver onsdag',
    'Behandleren og jobkonsulenten aftaler, hvordan behandlingen passer med praktikken',
    'Jeg afleverer urinprøve hver anden uge',
    'Jeg deltager i gruppeforløbet om at undgå tilbagefald',
    'Jeg siger det til min behandler, hvis jeg får et tilbagefald, så vi kan lægge en ny plan',
    'Lægen i misbrugscentret følger op på min medicin en gang om måneden',
    'Jeg finder en fritidsaktivitet sammen med min støttekontaktperson',
  ],
};

/** The citizen's own comments on agreements (only the citizen writes them). */
const CITIZEN_COMMENTS: readonly string[] = [
  'Det er svært for mig at komme op om morgenen, men jeg prøver.',
  'Jeg vil gerne have, at vi tager det lidt langsommere.',
  'Det gik godt i sidste uge. Jeg var der hver dag.',
  'Jeg har brug for hjælp til at forstå brevene fra kommunen.',
  'Jeg synes, det er godt, at alle nu ved det samme om min situation.',
  'Jeg kan ikke om fredagen, fordi jeg har børnene.',
  'Det her er vigtigt for mig, så jeg gør mit bedste.',
  'Jeg er nervøs for at starte, men jeg glæder mig også.',
  'Kan vi mødes et andet sted end på jobcentret?',
  'Jeg har ringet, men har ikke fået svar endnu.',
];

const SHARED_MEETING_TITLES: readonly string[] = [
  'Netværksmøde',
  'Opfølgning på planen',
  'Statusmøde om den samlede plan',
  'Samtale med koordinerende sagsbehandler',
];

const MEETING_TITLES: AreaTexts = {
  EMPLOYMENT: [
    'Møde med jobcenteret',
    'Samtale med jobkonsulent',
    'Opfølgning på virksomhedspraktik',
    'Møde i rehabiliteringsteamet',
  ],
  SOCIAL_ADULT: [
    'Møde med bostøttemedarbejder',
    'Samtale med socialrådgiver',
    'Opfølgning på handleplan',
  ],
  CHILDREN_FAMILY: [
    'Møde med familiebehandler',
    'Samtale med børnerådgiver',
    'Skolemøde om børnenes trivsel',
  ],
  HEALTH: ['Samtale i sundhedscentret', 'Træning med fysioterapeut', 'Opfølgning hos egen læge'],
  EDUCATION: [
    'Vejledningssamtale om uddannelse',
    'Møde med FGU-vejleder',
    'Samtale med kontaktperson i ungeindsatsen',
  ],
  ADDICTION: ['Samtale i misbrugscentret', 'Behandlingssamtale', 'Opfølgning på behandlingen'],
};

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
