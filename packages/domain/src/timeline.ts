/**
 * The chronological overview (DESIGN §3a "Timeline"): every dated thing of a citizen in one
 * list. It is built only from records the caller may already see (the same grant-checked
 * lists and the visible plan), so it can never be wider than the lists themselves.
 */
import type { SectorArea } from './areas.js';
import { copenhagenDate } from './copenhagenTime.js';
import type { PlanRecord } from './plan.js';
import type { BenefitRecord, CaseRecord, InterventionRecord } from './records.js';

/** What a timeline item is. */
export type TimelineKind =
  'CASE' | 'BENEFIT' | 'INTERVENTION' | 'SUB_GOAL' | 'AGREEMENT' | 'MEETING';

/** One item of the timeline: dates are ISO dates (Copenhagen days for meetings). */
export interface TimelineEntry {
  readonly id: string;
  readonly kind: TimelineKind;
  readonly area: SectorArea;
  readonly title: string;
  readonly start: string;
  readonly end: string | null;
  readonly status: string;
}

/** The already-visible records a timeline is made of. */
export interface TimelineInput {
  readonly cases: readonly CaseRecord[];
  readonly benefits: readonly BenefitRecord[];
  readonly interventions: readonly InterventionRecord[];
  /** The plan with only visible elements (see visiblePlan), or null. */
  readonly plan: PlanRecord | null;
}

/** The range asked for: items whose period overlaps `[from, to]` (both ISO dates, inclusive). */
export interface TimelineRange {
  readonly from?: string | null;
  readonly to?: string | null;
}

/** Kinds whose items run until they end: no end means still running. */
const ONGOING_KINDS: ReadonlySet<TimelineKind> = new Set(['CASE', 'BENEFIT', 'INTERVENTION']);

/** The day (Copenhagen) of an ISO instant. */
const dayOf = (instant: string): string => copenhagenDate(new Date(instant));

/** All items, in one list: sorted by start, then id; filtered to the range. */
export function timelineOf(input: TimelineInput, range: TimelineRange = {}): TimelineEntry[] {
  const items: TimelineEntry[] = [
    ...input.cases.map((c) => ({
      id: c.id,
      kind: 'CASE' as const,
      area: c.area,
      title: c.title,
      start: c.openedAt,
      end: c.closedAt,
      status: c.status,
    })),
    ...input.benefits.map((b) => ({
      id: b.id,
      kind: 'BENEFIT' as const,
      area: b.area,
      title: b.name,
      start: b.start,
      end: b.end,
      status: b.status,
    })),
    ...input.interventions.map((i) => ({
      id: i.id,
      kind: 'INTERVENTION' as const,
      area: i.area,
      title: i.title,
      start: i.start,
      end: i.end,
      status: i.status,
    })),
    ...(input.plan?.subGoals ?? []).map((g) => ({
      id: g.id,
      kind: 'SUB_GOAL' as const,
      area: g.area,
      title: g.text,
      start: g.targetDate ?? dayOf(g.createdAt),
      end: null,
      status: g.status,
    })),
    ...(input.plan?.agreements ?? []).map((a) => ({
      id: a.id,
      kind: 'AGREEMENT' as const,
      area: a.area,
      title: a.text,
      start: a.dueDate ?? dayOf(a.createdAt),
      end: null,
      status: a.status,
    })),
    ...(input.plan?.meetings ?? []).map((m) => ({
      id: m.id,
      kind: 'MEETING' as const,
      area: m.area,
      title: m.title,
      start: dayOf(m.start),
      // The Copenhagen day of the last instant inside the meeting (end is exclusive).
      end: dayOf(new Date(Date.parse(m.end) - 1).toISOString()),
      status: 'SCHEDULED',
    })),
  ];
  const from = range.from ?? null;
  const to = range.to ?? null;
  // A case, benefit or intervention without an end is ongoing; a plan item without one is a day.
  const lastDay = (item: TimelineEntry): string | null =>
    item.end ?? (ONGOING_KINDS.has(item.kind) ? null : item.start);
  return items
    .filter((item) => {
      const last = lastDay(item);
      return (to === null || item.start <= to) && (from === null || last === null || last >= from);
    })
    .sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
}
