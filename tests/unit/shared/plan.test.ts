/**
 * The plan's pure rules (DESIGN §3a): text bounds, meeting ranges, visibility of elements,
 * calendar conflicts on instants across the October clock change, and the timeline's order
 * and range.
 */
import { describe, expect, it } from 'vitest';
import {
  meetingConflicts,
  meetingRange,
  planText,
  timelineOf,
  visiblePlan,
  type MeetingRecord,
  type PlanRecord,
} from '@hoi/domain';

const meeting = (
  id: string,
  start: string,
  end: string,
  area: MeetingRecord['area'] = 'EMPLOYMENT',
): MeetingRecord => ({
  id,
  area,
  title: id,
  start: new Date(start).toISOString(),
  end: new Date(end).toISOString(),
  createdAt: '2026-10-01T08:00:00.000Z',
});

const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { extensions?: { code?: unknown } }).extensions?.code;
  }
};

describe('plan texts and meeting ranges', () => {
  it('takes 1–2000 characters after trimming, counted as code points', () => {
    expect(planText('  Mål  ', 'text')).toBe('Mål');
    expect(planText('😀'.repeat(2000), 'text')).toHaveLength(4000);
    expect(code(() => planText('', 'text'))).toBe('BAD_USER_INPUT');
    expect(code(() => planText(' \u00a0\n', 'text'))).toBe('BAD_USER_INPUT');
    expect(code(() => planText('x'.repeat(2001), 'text'))).toBe('BAD_USER_INPUT');
  });

  it('refuses a meeting that does not end after it starts', () => {
    expect(code(() => meetingRange('2026-10-25T01:00:00.000Z', '2026-10-25T01:00:00.000Z'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(code(() => meetingRange('2026-10-25T01:00:00.000Z', '2026-10-25T00:59:59.000Z'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(meetingRange('2026-10-25T01:00:00.000Z', '2026-10-25T01:00:01.000Z').end).toBe(
      '2026-10-25T01:00:01.000Z',
    );
  });
});

describe('calendar conflicts', () => {
  it('are decided on instants across the October clock change, not on wall-clock times', () => {
    // 25 October 2026, 03:00 CEST becomes 02:00 CET: 02:00–02:59 happens twice in Copenhagen.
    const first = meeting('a-first', '2026-10-25T02:00:00+02:00', '2026-10-25T02:59:00+02:00'); // 00:00–00:59Z
    const second = meeting('b-second', '2026-10-25T02:00:00+01:00', '2026-10-25T02:59:00+01:00'); // 01:00–01:59Z
    const across = meeting('c-across', '2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00'); // 00:30–01:30Z
    const conflicts = meetingConflicts([first, second, across]);
    // Same wall-clock hours, different instants: first and second do not clash.
    expect(conflicts.get('a-first')).toEqual(['c-across']);
    expect(conflicts.get('b-second')).toEqual(['c-across']);
    expect(conflicts.get('c-across')).toEqual(['a-first', 'b-second']);
  });

  it('treat ranges as half-open and list each conflict both ways', () => {
    const conflicts = meetingConflicts([
      meeting('x', '2026-03-29T00:30:00Z', '2026-03-29T01:00:00Z'),
      meeting('y', '2026-03-29T01:00:00Z', '2026-03-29T02:00:00Z'),
      meeting('z', '2026-03-29T00:00:00Z', '2026-03-29T03:00:00Z'),
    ]);
    expect(conflicts.get('x')).toEqual(['z']);
    expect(conflicts.get('y')).toEqual(['z']);
    expect(conflicts.get('z')).toEqual(['x', 'y']);
  });
});

const plan: PlanRecord = {
  id: 'plan',
  cpr: '010180-1234',
  status: 'ACTIVE',
  version: 5,
  overallGoal: 'Jeg vil have et arbejde',
  createdAt: '2026-09-01T08:00:00.000Z',
  revisedAt: null,
  subGoals: [
    {
      id: 'g1',
      area: 'HEALTH',
      text: 'Sove bedre',
      targetDate: null,
      status: 'IN_PROGRESS',
      createdAt: '2026-09-30T22:30:00.000Z',
    },
    {
      id: 'g2',
      area: 'EMPLOYMENT',
      text: 'Praktik',
      targetDate: '2026-11-01',
      status: 'NOT_STARTED',
      createdAt: '2026-09-01T08:00:00.000Z',
    },
  ],
  agreements: [
    {
      id: 'a1',
      area: 'ADDICTION',
      text: 'Samtale',
      dueDate: '2026-10-20',
      status: 'OPEN',
      citizenComment: null,
      createdAt: '2026-09-01T08:00:00.000Z',
    },
  ],
  meetings: [
    meeting('m1', '2026-10-24T22:30:00Z', '2026-10-25T00:30:00Z', 'EMPLOYMENT'),
    meeting('m2', '2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z', 'HEALTH'),
  ],
};

describe('timeline', () => {
  const input = {
    cases: [
      {
        id: 'c1',
        title: 'Sag',
        area: 'EMPLOYMENT' as const,
        kle: '15.00.00',
        status: 'Oplyst',
        openedAt: '2024-01-01',
        closedAt: null,
        sourceSystem: 'X',
      },
      {
        id: 'c0',
        title: 'Lukket',
        area: 'HEALTH' as const,
        kle: '29.00.00',
        status: 'Afsluttet',
        openedAt: '2024-01-01',
        closedAt: '2024-06-30',
        sourceSystem: 'X',
      },
    ],
    benefits: [],
    interventions: [],
    plan,
  };

  it('is one list sorted by start, then id; meetings on their Copenhagen day', () => {
    const items = timelineOf(input);
    expect(items.map((i) => [i.id, i.start, i.end])).toEqual([
      ['c0', '2024-01-01', '2024-06-30'],
      ['c1', '2024-01-01', null],
      // Created 22:30 UTC on 30 September: 1 October in Copenhagen.
      ['g1', '2026-10-01', null],
      ['a1', '2026-10-20', null],
      // 22:30 UTC on 24 October is 00:30 CEST on the 25th; it ends 01:30 CET the same day.
      ['m1', '2026-10-25', '2026-10-25'],
      ['m2', '2026-10-25', '2026-10-25'],
      ['g2', '2026-11-01', null],
    ]);
  });

  it('keeps what overlaps [from, to]: an ongoing case stays, a closed one and a past day go', () => {
    const ids = timelineOf(input, { from: '2026-10-21', to: '2026-10-31' }).map((i) => i.id);
    expect(ids).toEqual(['c1', 'm1', 'm2']);
  });

  it('of a visible plan has only the visible elements', () => {
    const visible = visiblePlan(plan, new Set(['EMPLOYMENT']));
    expect(timelineOf({ ...input, cases: [], plan: visible }).map((i) => i.id)).toEqual([
      'm1',
      'g2',
    ]);
    expect(meetingConflicts(visible.meetings).get('m1')).toEqual([]);
    expect(meetingConflicts(plan.meetings).get('m1')).toEqual(['m2']);
  });
});
