/**
 * Durable storage of HOI decisions and the screening audit log: PostgreSQL when DATABASE_URL
 * is set (tables next to the consent subgraph's, prefixed so they never collide), an embedded
 * PGlite database on disk (SCREENING_DATA_DIR) otherwise, same migrations.
 */
import type { AccessBasis, SectorArea } from '@hoi/domain';

/** The kinds of HOI decisions. */
export type HoiDecisionKind = 'HOI_CASE' | 'DECLINED';

/** One recorded decision. An HOI_CASE decision is the HOI case itself (one per citizen). */
export interface HoiDecisionRecord {
  /** Store order, across instances; screening syncs decisions by it. */
  readonly seq: number;
  readonly id: string;
  readonly cpr: string;
  readonly kind: HoiDecisionKind;
  /** Why (DECLINED only). */
  readonly reason: string | null;
  /** ISO instant. */
  readonly decidedAt: string;
  /** Who recorded it (the caseworker's id). */
  readonly decidedBy: string;
}

/** A decision to record. */
export type NewDecision = Omit<HoiDecisionRecord, 'seq'>;

/** Why a read of screening data happened. */
export type ScreeningAuditPurpose =
  'HOI_SCREENING' | 'HOI_ELIGIBILITY' | 'REGISTER_HOI_CASE' | 'DECLINE_HOI';

/**
 * One screening audit record: the consent subgraph's AuditRecord shape (same pseudonyms, so a
 * data protection officer can read both logs by citizen), plus the purpose, the basis
 * STATUTORY_SCREENING (domain.md §6 rule 2), and a null citizen for a page that listed nobody.
 */
export interface ScreeningAuditRecord {
  /** ISO instant of the read. */
  readonly at: string;
  readonly requestId: string;
  readonly operationName: string | null;
  /** Who: a caseworker's or screener's id, or a citizen's pseudonym (never a CPR). */
  readonly subject: string;
  readonly role: string;
  /** Keyed-HMAC pseudonym of the citizen's CPR; null when a page listed nobody. */
  readonly citizenRef: string | null;
  /** The areas whose data the answer rests on. */
  readonly areas: readonly SectorArea[];
  /** The basis of each of those areas. */
  readonly bases: Readonly<Partial<Record<SectorArea, AccessBasis | 'STATUTORY_SCREENING'>>>;
  readonly purpose: ScreeningAuditPurpose;
  /** The actor's organisation unit (the token's `org`), or null. */
  readonly unit: string | null;
}

/** One of a citizen's screening audit records, for their access log. */
export interface ScreeningTrailEntry {
  readonly id: string;
  readonly at: string;
  readonly role: string;
  readonly unit: string | null;
  readonly purpose: ScreeningAuditPurpose;
  readonly areas: readonly SectorArea[];
  readonly bases: ScreeningAuditRecord['bases'];
}

/** Thrown by {@link ScreeningStore.recordDecline} when the citizen has an HOI case. */
export class HoiCaseExistsError extends Error {
  override readonly name = 'HoiCaseExistsError';
}

/** The screening subgraph's durable store. */
export interface ScreeningStore {
  /**
   * Records the citizen's HOI case unless one exists; returns the case and whether it was
   * created. Serialized per citizen.
   */
  registerHoiCase(
    decision: Omit<NewDecision, 'kind' | 'reason'>,
  ): Promise<{ readonly record: HoiDecisionRecord; readonly created: boolean }>;
  /** Records a decline; throws HoiCaseExistsError when the citizen has an HOI case. */
  recordDecline(decision: Omit<NewDecision, 'kind'>): Promise<HoiDecisionRecord>;
  /** The decisions of these citizens (oldest first); citizens without any are absent. */
  decisionsOf(cprs: readonly string[]): Promise<Map<string, HoiDecisionRecord[]>>;
  /** Decisions recorded after `seq` (by any instance), in order. */
  decisionsAfter(seq: number): Promise<Pick<HoiDecisionRecord, 'seq' | 'cpr'>[]>;
  /** Appends audit records durably; resolves only once they are committed. */
  appendAudit(records: readonly ScreeningAuditRecord[]): Promise<void>;
  /** Audit records, oldest first (tests, the data protection officer). */
  readAudit(filter?: { requestId?: string; citizenRef?: string }): Promise<ScreeningAuditRecord[]>;
  /**
   * One citizen's records after an access-log position (instant, part, id), newest first, at
   * most `limit`, and how many there are in all. Screening's part sorts before the consent
   * subgraph's at one instant ('s' after 'c', descending).
   */
  accessTrail(
    citizenRef: string,
    after: { readonly at: string; readonly src: 'c' | 's'; readonly id: string } | null,
    limit: number,
  ): Promise<{ entries: ScreeningTrailEntry[]; totalCount: number }>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
