/**
 * Durable storage of the joint HOI plans: PostgreSQL when DATABASE_URL is set, otherwise an
 * embedded PGlite directory, same migrations. A write is acknowledged only once committed.
 */
import type {
  AgreementRecord,
  AgreementStatus,
  GoalStatus,
  MeetingRecord,
  PlanRecord,
  PlanStatus,
  SubGoalRecord,
} from '@hoi/domain';

/** A new element of a plan, tagged with its kind. */
export type NewPlanElement =
  | ({ readonly kind: 'SUB_GOAL' } & SubGoalRecord)
  | ({ readonly kind: 'AGREEMENT' } & AgreementRecord)
  | ({ readonly kind: 'MEETING' } & MeetingRecord);

/** What one write does to a plan, decided on the plan as it is inside the write. */
export type PlanChange =
  | { readonly kind: 'addElement'; readonly element: NewPlanElement }
  | { readonly kind: 'setSubGoalStatus'; readonly id: string; readonly status: GoalStatus }
  | { readonly kind: 'setAgreementStatus'; readonly id: string; readonly status: AgreementStatus }
  | { readonly kind: 'comment'; readonly id: string; readonly comment: string }
  | { readonly kind: 'setPlanStatus'; readonly status: PlanStatus };

/** The plan store. */
export interface PlanStore {
  /** The plans of these citizens (a citizen without one is absent). */
  byCitizens(cprs: readonly string[]): Promise<Map<string, PlanRecord>>;
  /** One plan by id, or null. */
  byId(id: string): Promise<PlanRecord | null>;
  /** Creates a plan (version 1, no elements); null when the citizen has one already. */
  create(plan: {
    readonly id: string;
    readonly cpr: string;
    readonly status: PlanStatus;
    readonly overallGoal: string;
    readonly createdAt: string;
  }): Promise<PlanRecord | null>;
  /**
   * One optimistic-concurrency write: NOT_FOUND for an unknown plan, FAILED_PRECONDITION for
   * a CLOSED one, VERSION_CONFLICT when `expectedVersion` is not current; otherwise applies
   * what `decide` returns (it may throw to write nothing), bumps the version by one, sets
   * revisedAt and returns the plan as committed.
   */
  write(
    planId: string,
    expectedVersion: number,
    at: string,
    decide: (plan: PlanRecord) => PlanChange,
  ): Promise<PlanRecord>;
  /**
   * Stores demo plans once per store and seed name (a restart, or a second instance, seeds
   * nothing); a citizen who has a plan already keeps it. `plans` is called only when this
   * name has not been seeded yet, so a restart does not generate them again. Returns how
   * many were stored.
   */
  seed(name: string, plans: () => readonly PlanRecord[]): Promise<number>;
  /** True while the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
