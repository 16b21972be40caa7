import { describe, expect, it } from 'vitest';
import { createDataset, demoPlans, generatePlan, HOI_CASE_KLE, sampleCitizens } from '@hoi/dataset';
import {
  copenhagenInstant,
  PLAN_TEXT_MAX,
  type CitizenRecord,
  type MeetingRecord,
  type PlanRecord,
} from '@hoi/domain';

/**
 * Meetings fall from 2026-09-10 to 2026-12-09, so they straddle the end of summer time
 * (Sunday 2026-10-25, the last Sunday of October).
 */
const options = { seed: 1, citizens: 10_000, referenceDate: '2026-10-10' };
const dataset = createDataset(options);
// Generated once for the whole file: the suite is CPU-bound.
const citizens: CitizenRecord[] = Array.from({ length: dataset.size }, (_, i) => dataset.at(i));
const hoiCitizens = citizens.filter((c) => c.cases.some((x) => x.kle === HOI_CASE_KLE));
const plans = hoiCitizens.flatMap((c) => generatePlan(dataset, c) ?? []);
const citizenOf = new Map(citizens.map((c) => [c.cpr, c]));

const DAY_MS = 86_400_000;
const day = (iso: string): number => Math.floor(Date.parse(iso) / DAY_MS);
const ref = day(options.referenceDate);
const elements = (p: PlanRecord) => [...p.subGoals, ...p.agreements, ...p.meetings];
const openAreas = (c: CitizenRecord) =>
  new Set(c.cases.filter((x) => x.closedAt === null).map((x) => x.area));

/** The last Sunday of a month (ISO date), by the calendar rather than by Intl. */
function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  return new Date(last.getTime() - last.getUTCDay() * DAY_MS).toISOString().slice(0, 10);
}

/** Copenhagen's UTC offset in hours for a daytime hour of a date (EU rule: last Sundays). */
function expectedOffset(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return isoDate >= lastSunday(year, 3) && isoDate < lastSunday(year, 10) ? 2 : 1;
}

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  timeZoneName: 'longOffset',
});
/** The offset Intl gives for an instant, e.g. `GMT+01:00`. */
const intlOffset = (instant: string): string | undefined =>
  offsetFormat.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value;

const overlaps = (a: MeetingRecord, b: MeetingRecord): boolean =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
const hasOverlap = (p: PlanRecord): boolean =>
  p.meetings.some((a, i) => p.meetings.slice(i + 1).some((b) => overlaps(a, b)));

describe('generatePlan', () => {
  it('is deterministic from seed and citizen, and differs for another seed', () => {
    const again = createDataset(options);
    for (const c of hoiCitizens.slice(0, 20)) {
      expect(generatePlan(again, again.at(c.index))).toEqual(generatePlan(dataset, c));
    }
    const other = createDataset({ ...options, seed: 2 });
    expect(demoPlans(other, 3000)).not.toEqual(demoPlans(dataset, 3000));
  });

  it('gives plans only to HOI citizens, and to about 85 % of them', () => {
    expect(hoiCitizens.length).toBeGreaterThan(120);
    const hoi = new Set(hoiCitizens);
    for (const c of citizens) if (!hoi.has(c)) expect(generatePlan(dataset, c)).toBeNull();
    const share = plans.length / hoiCitizens.length;
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.95);
  });

  it('puts every element in an area of an open case, two or more areas when there are', () => {
    for (const p of plans) {
      const open = openAreas(citizenOf.get(p.cpr)!);
      const areas = new Set(elements(p).map((e) => e.area));
      for (const area of areas) expect(open.has(area), `${p.cpr} ${area}`).toBe(true);
      if (open.size >= 2) expect(areas.size, p.cpr).toBeGreaterThanOrEqual(2);
      if (open.has('EMPLOYMENT')) expect(areas.has('EMPLOYMENT'), p.cpr).toBe(true);
    }
    const counts = plans.map((p) => new Set(elements(p).map((e) => e.area)).size);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(3);
  });

  it('writes every text with 1–2000 characters, trimmed', () => {
    for (const p of plans) {
      const texts = [
        p.overallGoal,
        ...p.subGoals.map((g) => g.text),
        ...p.agreements.flatMap((a) =>
          a.citizenComment === null ? [a.text] : [a.text, a.citizenComment],
        ),
        ...p.meetings.map((m) => m.title),
      ];
      for (const t of texts) {
        expect(t.trim()).toBe(t);
        expect([...t].length).toBeGreaterThanOrEqual(1);
        expect([...t].length).toBeLessThanOrEqual(PLAN_TEXT_MAX);
      }
    }
    expect(plans.some((p) => p.agreements.some((a) => a.citizenComment !== null))).toBe(true);
  });

  it('dates and counts the writes consistently', () => {
    const ids = new Set<string>();
    for (const p of plans) {
      const hoiCase = citizenOf.get(p.cpr)!.cases.find((x) => x.kle === HOI_CASE_KLE)!;
      expect(day(p.createdAt)).toBeGreaterThan(day(hoiCase.openedAt));
      expect(day(p.createdAt)).toBeLessThan(ref);
      expect(p.version).toBe(1 + elements(p).length);
      expect(['ACTIVE', 'DRAFT']).toContain(p.status);
      if (p.revisedAt !== null) expect(p.revisedAt > p.createdAt).toBe(true);
      expect(p.subGoals.length).toBeGreaterThanOrEqual(2);
      expect(p.subGoals.length).toBeLessThanOrEqual(5);
      expect(p.agreements.length).toBeGreaterThanOrEqual(2);
      expect(p.agreements.length).toBeLessThanOrEqual(6);
      expect(p.meetings.length).toBeLessThanOrEqual(4);
      for (const e of elements(p)) expect(e.createdAt >= p.createdAt, e.id).toBe(true);
      const dates = [...p.subGoals.map((g) => g.targetDate), ...p.agreements.map((a) => a.dueDate)];
      for (const d of dates.filter((x) => x !== null)) {
        expect(day(d) - ref).toBeGreaterThanOrEqual(-60);
        expect(day(d) - ref).toBeLessThanOrEqual(180);
      }
      for (const id of [p.id, ...elements(p).map((e) => e.id)]) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(ids.has(id)).toBe(false);
        ids.add(id);
      }
    }
    const drafts = plans.filter((p) => p.status === 'DRAFT').length;
    expect(drafts).toBeGreaterThan(0);
    expect(drafts / plans.length).toBeLessThan(0.25);
  });

  it('schedules meetings on weekdays, 08:00–15:00 Copenhagen time, 30–120 minutes long', () => {
    const meetings = plans.flatMap((p) => p.meetings);
    expect(meetings.length).toBeGreaterThan(50);
    for (const m of meetings) {
      // Office hours are 06:00–15:00 UTC, so the UTC date is the Copenhagen date.
      const date = m.start.slice(0, 10);
      const start = Date.parse(m.start);
      const minutes = (Date.parse(m.end) - start) / 60_000;
      expect(minutes, m.id).toBeGreaterThanOrEqual(30);
      expect(minutes, m.id).toBeLessThanOrEqual(120);
      const local = new Date(start + expectedOffset(date) * 3_600_000);
      const localMinutes = local.getUTCHours() * 60 + local.getUTCMinutes();
      expect(localMinutes, m.start).toBeGreaterThanOrEqual(8 * 60);
      expect(localMinutes, m.start).toBeLessThanOrEqual(15 * 60);
      expect([0, 6], m.start).not.toContain(local.getUTCDay());
      expect(day(date) - ref).toBeGreaterThanOrEqual(-30);
      expect(day(date) - ref).toBeLessThanOrEqual(60);
      expect(m.createdAt < m.start, m.id).toBe(true);
    }
  });

  it('gives some plans two meetings that overlap', () => {
    const withMeetings = plans.filter((p) => p.meetings.length > 0);
    const clashing = withMeetings.filter(hasOverlap).length;
    expect(clashing).toBeGreaterThanOrEqual(1);
    expect(clashing / withMeetings.length).toBeLessThan(0.35);
  });

  it('uses UTC+2 before the last Sunday of October and UTC+1 from it', () => {
    const meetings = plans.flatMap((p) => p.meetings);
    const before = meetings.filter((m) => m.start < '2026-10-25');
    const after = meetings.filter((m) => m.start >= '2026-10-26');
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    for (const m of before) expect(intlOffset(m.start), m.start).toBe('GMT+02:00');
    for (const m of after) expect(intlOffset(m.start), m.start).toBe('GMT+01:00');
  });
});

describe('demoPlans', () => {
  it('gives the plans of the first min(limit, size) citizens, in index order', () => {
    const first = demoPlans(dataset, 2000);
    expect(first).toEqual(plans.filter((p) => citizenOf.get(p.cpr)!.index < 2000));
    const small = createDataset({ ...options, citizens: 300 });
    expect(demoPlans(small, 5000)).toEqual(demoPlans(small, 300));
    expect(demoPlans(dataset, 0)).toEqual([]);
  });
});

describe('copenhagenInstant', () => {
  it('uses +02:00 in summer time and +01:00 outside it', () => {
    expect(copenhagenInstant('2026-10-24', 12, 0)).toBe('2026-10-24T10:00:00.000Z');
    expect(copenhagenInstant('2026-10-25', 12, 0)).toBe('2026-10-25T11:00:00.000Z');
    expect(copenhagenInstant('2026-03-28', 12, 0)).toBe('2026-03-28T11:00:00.000Z');
    expect(copenhagenInstant('2026-03-29', 12, 0)).toBe('2026-03-29T10:00:00.000Z');
    expect(copenhagenInstant('2026-01-01', 0, 0)).toBe('2025-12-31T23:00:00.000Z');
  });

  it('takes the first, summer-time reading of the hour repeated on 2026-10-25', () => {
    expect(copenhagenInstant('2026-10-25', 1, 59)).toBe('2026-10-24T23:59:00.000Z');
    expect(copenhagenInstant('2026-10-25', 2, 30)).toBe('2026-10-25T00:30:00.000Z');
    expect(copenhagenInstant('2026-10-25', 3, 0)).toBe('2026-10-25T02:00:00.000Z');
  });

  it('moves a time in the hour skipped on 2026-03-29 on by that hour', () => {
    expect(copenhagenInstant('2026-03-29', 1, 59)).toBe('2026-03-29T00:59:00.000Z');
    expect(copenhagenInstant('2026-03-29', 2, 30)).toBe('2026-03-29T01:30:00.000Z');
    expect(copenhagenInstant('2026-03-29', 3, 0)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('rejects a date or time that is not one', () => {
    expect(() => copenhagenInstant('2026-02-30', 12, 0)).toThrow(RangeError);
    expect(() => copenhagenInstant('26-01-01', 12, 0)).toThrow(RangeError);
    expect(() => copenhagenInstant('2026-01-01', 24, 0)).toThrow(RangeError);
    expect(() => copenhagenInstant('2026-01-01', 8, 7.5)).toThrow(RangeError);
  });
});

describe('sampleCitizens', () => {
  it('is unchanged by the plans: seed 1 gives the sample it gave before plans existed', () => {
    // Taken with the generator as it was before generatePlan.ts was added.
    const before = [
      ['860907-6250', 'EMPLOYMENT SOCIAL_ADULT CHILDREN_FAMILY HEALTH EDUCATION ADDICTION'],
      ['670360-3495', 'EMPLOYMENT SOCIAL_ADULT CHILDREN_FAMILY HEALTH EDUCATION ADDICTION'],
      ['701264-4816', 'EMPLOYMENT SOCIAL_ADULT CHILDREN_FAMILY HEALTH EDUCATION'],
      ['641289-9819', 'EMPLOYMENT SOCIAL_ADULT HEALTH EDUCATION ADDICTION'],
      ['720969-4956', 'EMPLOYMENT SOCIAL_ADULT HEALTH EDUCATION ADDICTION'],
      ['740384-4012', 'EMPLOYMENT SOCIAL_ADULT HEALTH EDUCATION ADDICTION'],
      ['900566-0878', 'EMPLOYMENT CHILDREN_FAMILY HEALTH EDUCATION ADDICTION'],
      ['900479-4554', 'EMPLOYMENT SOCIAL_ADULT CHILDREN_FAMILY HEALTH EDUCATION'],
      ['911296-2370', 'EMPLOYMENT SOCIAL_ADULT CHILDREN_FAMILY HEALTH EDUCATION'],
      ['770258-2024', 'EMPLOYMENT SOCIAL_ADULT HEALTH EDUCATION ADDICTION'],
    ].map(([cpr, areas]) => ({ cpr, areas: areas!.split(' ') }));
    expect(sampleCitizens(dataset, 10)).toEqual(before);
  });
});
