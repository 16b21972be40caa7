/** Fields of a (visible) plan that are computed from its elements. */
import { copenhagenDate, meetingConflicts, type PlanRecord } from '@hoi/domain';
import type { HoiPlanResolvers } from '../__generated__/resolvers-types.js';
import type { PlanContext } from '../context.js';
import type { MeetingView } from '../mappers.js';

/** The plan's meetings, earliest first, each with the visible meetings it overlaps. */
export function meetingsOf(plan: PlanRecord): MeetingView[] {
  const conflicts = meetingConflicts(plan.meetings);
  return [...plan.meetings]
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1))
    .map((m) => ({ ...m, conflictsWith: conflicts.get(m.id) ?? [] }));
}

/**
 * The next day something falls due, among the visible elements: an open agreement's due date
 * or a meeting's day (Copenhagen), today or later. Computed, not stored, so a hidden element
 * never shows through it.
 */
export function nextFollowUpOf(plan: PlanRecord, now: Date): string | null {
  const today = copenhagenDate(now);
  const days = [
    ...plan.agreements.filter((a) => a.status === 'OPEN').map((a) => a.dueDate),
    ...plan.meetings.map((m) => copenhagenDate(new Date(m.start))),
  ].filter((d): d is string => d !== null && d >= today);
  return days.length === 0 ? null : days.reduce((a, b) => (a < b ? a : b));
}

/** Resolvers of `HoiPlan`. */
export const HoiPlan: HoiPlanResolvers<PlanContext> = {
  meetings: (plan) => meetingsOf(plan),
  nextFollowUp: (plan, _args, ctx) => nextFollowUpOf(plan, ctx.now),
};
