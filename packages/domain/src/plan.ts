/**
 * The joint HOI plan ("én samlet plan", DESIGN §3a): one per citizen, an overall goal in the
 * citizen's own words and elements (sub-goals, agreements, meetings) that each belong to one
 * sector area and are visible under the same rule as any record of that area (§4).
 */
import type { SectorArea } from './areas.js';
import { badUserInput } from './errors.js';

/** DRAFT while being written, ACTIVE in use, CLOSED ended (rejects writes). */
export type PlanStatus = 'DRAFT' | 'ACTIVE' | 'CLOSED';
export const PLAN_STATUSES: readonly PlanStatus[] = ['DRAFT', 'ACTIVE', 'CLOSED'];

/** The progress of a sub-goal. */
export type GoalStatus =
  'NOT_STARTED' | 'IN_PROGRESS' | 'ACHIEVED' | 'PARTLY_ACHIEVED' | 'ABANDONED';
export const GOAL_STATUSES: readonly GoalStatus[] = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'ACHIEVED',
  'PARTLY_ACHIEVED',
  'ABANDONED',
];

/** The state of an agreement. */
export type AgreementStatus = 'OPEN' | 'DONE' | 'CANCELLED';

/** A sub-goal of the plan, in one area. */
export interface SubGoalRecord {
  readonly id: string;
  readonly area: SectorArea;
  readonly text: string;
  readonly targetDate: string | null;
  readonly status: GoalStatus;
  /** When it was added (ISO instant): a sub-goal without target date sits on this day. */
  readonly createdAt: string;
}

/** An agreement (aftale): who does what by when, in one area. */
export interface AgreementRecord {
  readonly id: string;
  readonly area: SectorArea;
  readonly text: string;
  readonly dueDate: string | null;
  readonly status: AgreementStatus;
  /** The citizen's own comment; only the citizen writes it. */
  readonly citizenComment: string | null;
  readonly createdAt: string;
}

/** A meeting of the plan, in one area; start and end are ISO instants, end after start. */
export interface MeetingRecord {
  readonly id: string;
  readonly area: SectorArea;
  readonly title: string;
  readonly start: string;
  readonly end: string;
  readonly createdAt: string;
}

/** A citizen's plan, whole, as stored. */
export interface PlanRecord {
  readonly id: string;
  readonly cpr: string;
  readonly status: PlanStatus;
  /** Bumped by one on every write: optimistic concurrency. */
  readonly version: number;
  readonly overallGoal: string;
  readonly createdAt: string;
  /** The last write after creation; null until then. */
  readonly revisedAt: string | null;
  readonly subGoals: readonly SubGoalRecord[];
  readonly agreements: readonly AgreementRecord[];
  readonly meetings: readonly MeetingRecord[];
}

/** Longest text of a plan field (goal, sub-goal, agreement, meeting title, comment). */
export const PLAN_TEXT_MAX = 2000;

/**
 * A plan text as written: trimmed of surrounding white space, 1–2000 characters (counted as
 * Unicode code points, as a person counts them); anything else is BAD_USER_INPUT.
 */
export function planText(value: string, field: string): string {
  const text = value.trim();
  const length = [...text].length;
  if (length === 0) throw badUserInput(`${field} must not be empty`, { argument: field });
  if (length > PLAN_TEXT_MAX) {
    throw badUserInput(`${field} must be at most ${PLAN_TEXT_MAX} characters, got ${length}`, {
      argument: field,
    });
  }
  return text;
}

/** A meeting's time range, checked: `end` must be after `start` (ISO instants). */
export function meetingRange(start: string, end: string): { start: string; end: string } {
  if (Date.parse(end) <= Date.parse(start)) {
    throw badUserInput('A meeting must end after it starts (end > start)', { argument: 'end' });
  }
  return { start, end };
}

/** The plan with only the elements of visible areas: the rest is absent, not hidden. */
export function visiblePlan(plan: PlanRecord, visible: ReadonlySet<SectorArea>): PlanRecord {
  return {
    ...plan,
    subGoals: plan.subGoals.filter((g) => visible.has(g.area)),
    agreements: plan.agreements.filter((a) => visible.has(a.area)),
    meetings: plan.meetings.filter((m) => visible.has(m.area)),
  };
}

/**
 * For each meeting, the ids of the other meetings whose time ranges overlap it. Ranges are
 * half-open instants (one ending at 10:00 does not clash with one starting at 10:00), so a
 * clock change (two different hours that both read 02:30 in Copenhagen in October) never
 * makes or hides a conflict. Pass only visible meetings: a hidden one is never named.
 */
export function meetingConflicts(meetings: readonly MeetingRecord[]): Map<string, string[]> {
  const ranges = meetings
    .map((m) => ({ id: m.id, start: Date.parse(m.start), end: Date.parse(m.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
  const conflicts = new Map<string, string[]>(meetings.map((m) => [m.id, []]));
  for (let i = 0; i < ranges.length; i++) {
    const a = ranges[i]!;
    // Sorted by start: only later-starting meetings that start before `a` ends can overlap it.
    for (let j = i + 1; j < ranges.length && ranges[j]!.start < a.end; j++) {
      const b = ranges[j]!;
      conflicts.get(a.id)!.push(b.id);
      conflicts.get(b.id)!.push(a.id);
    }
  }
  for (const ids of conflicts.values()) ids.sort();
  return conflicts;
}
