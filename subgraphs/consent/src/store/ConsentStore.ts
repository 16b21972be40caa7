/**
 * Durable storage of consent writes and the audit log (DESIGN §5): PostgreSQL when
 * DATABASE_URL is set, an embedded PGlite database on disk otherwise, same migrations.
 *
 * Consent history starts as the seeded history of the source (the synthetic dataset). The
 * first write for a citizen materializes that seed into the store in the same transaction,
 * so from then on the store alone is the truth for that citizen.
 */
import type { AccessBasis, ConsentRecord, SectorArea } from '@hoi/domain';
import type { LogPart, LogPosition } from '../accessLog.js';
import type { ConsentEventDraft } from '../notifications/consentEvents.js';
import type { ConsentOutbox } from '../notifications/ConsentOutbox.js';

/** What a write decides, given the citizen's current history (oldest first). */
export interface ConsentChange<R> {
  /** Records to insert, or to update by id. */
  readonly upserts: readonly ConsentRecord[];
  /** What the write returns to its caller. */
  readonly result: R;
  /**
   * Consent events to append to the outbox in the same transaction (GIVEN, WITHDRAWN), in
   * the order they happened: they commit with the consent or not at all.
   */
  readonly events?: readonly ConsentEventDraft[];
}

/** What an audited access was, decided by the server from the operation (never the client's name for it). */
export type AccessKind = 'READ' | 'WRITE' | 'SCREENING';

/** One audit record: one citizen read in one request (DESIGN §4). */
export interface AuditRecord {
  /** ISO instant of the read. */
  readonly at: string;
  readonly requestId: string;
  readonly operationName: string | null;
  /** Who: a caseworker's id, or a citizen's pseudonym (never a CPR). */
  readonly subject: string;
  readonly role: string;
  /** The actor's organisation unit (the token's `org`), or null. */
  readonly unit: string | null;
  /** READ, WRITE (consent and plan mutations) or SCREENING. */
  readonly kind: AccessKind;
  /** Why, as the server names it (e.g. CITIZEN_OVERVIEW, GIVE_CONSENT, ACCESS_LOG). */
  readonly purpose: string;
  /** Which citizen: keyed-HMAC pseudonym of the CPR. */
  readonly citizenRef: string;
  /** The areas returned (visible). */
  readonly areas: readonly SectorArea[];
  /** The basis of each visible area. */
  readonly bases: Readonly<Partial<Record<SectorArea, AccessBasis>>>;
}

/** The consent subgraph's durable store. */
export interface ConsentStore {
  /**
   * Stored histories (oldest first by givenAt) of the citizens that have one; citizens
   * never written to are absent from the map (their history is the seed).
   */
  historyMany(cprs: readonly string[]): Promise<Map<string, ConsentRecord[]>>;
  /**
   * Runs one consent write for a citizen atomically, serialized with every other write for
   * the same citizen (row lock + version). `seed` is materialized first when the citizen has
   * no stored history. `decide` may throw to abort without writing. The change's events are
   * appended to the outbox in the same transaction.
   */
  update<R>(
    cpr: string,
    seed: readonly ConsentRecord[],
    decide: (history: readonly ConsentRecord[]) => ConsentChange<R>,
  ): Promise<R>;
  /** Appends audit records durably; resolves only once they are committed. */
  appendAudit(records: readonly AuditRecord[]): Promise<void>;
  /**
   * One citizen's audit records after a position of the access log, newest first (at most
   * `limit`), and how many the citizen has in all.
   */
  accessLog(citizenRef: string, after: LogPosition | null, limit: number): Promise<LogPart>;
  /** Audit records, oldest first (for tests and the data protection officer). */
  readAudit(filter?: { requestId?: string; citizenRef?: string }): Promise<AuditRecord[]>;
  /**
   * The outbox of consent events in the same database, when the store has one (the SQL
   * store); the notification dispatcher and expiry scheduler work on it.
   */
  readonly outbox?: ConsentOutbox;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
