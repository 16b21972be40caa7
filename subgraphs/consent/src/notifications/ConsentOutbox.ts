/**
 * The durable outbox of consent events, in the consent store's database (PGlite or
 * PostgreSQL, same migrations). Events are appended in the transaction of the consent write
 * they describe; deliveries (one row per event and receiver URL) are made from them and
 * claimed by the dispatcher; the expiry scheduler appends EXPIRING and EXPIRED events.
 */
import type { ConsentRecord } from '@hoi/domain';
import type { ConsentEventDraft, ConsentEventType } from './consentEvents.js';

/** A recorded event, as the outbox keeps it. */
export interface StoredConsentEvent {
  readonly id: string;
  /** Append order: per citizen, the order the events happened in. */
  readonly seq: number;
  readonly type: ConsentEventType;
  readonly consentId: string;
  readonly cpr: string;
  readonly occurredAt: string;
  /** The JSON body every delivery of it sends. */
  readonly body: string;
}

/** Where one delivery stands. */
export type DeliveryState = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One delivery row: an event to one receiver URL. */
export interface DeliveryRow {
  readonly eventId: string;
  readonly receiver: string;
  readonly seq: number;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly lastError: string | null;
}

/** A delivery the dispatcher has leased and now sends. */
export interface ClaimedDelivery {
  readonly eventId: string;
  readonly receiver: string;
  readonly seq: number;
  /** Attempts before this one. */
  readonly attempts: number;
  /** Epoch ms the delivery was created (for the give-up age). */
  readonly createdAt: number;
  readonly body: string;
  /** The lease this claim holds; completions naming another lease are ignored. */
  readonly leaseToken: string;
}

/** What an expiry decision appends and the consent's new expiry stage. */
export interface ExpiryDecision {
  readonly events: readonly ConsentEventDraft[];
  /** 1 once EXPIRING is recorded, 2 once EXPIRED is (nothing more to do for the consent). */
  readonly stage: 1 | 2;
}

/** The outbox's operations (the SQL lives in SqlConsentOutbox.ts). */
export interface ConsentOutbox {
  /**
   * Makes delivery rows, one per receiver, for events not yet fanned out (oldest first, at
   * most `limit`); resolves how many events it handled. Only one instance fans out at a time.
   */
  fanOut(receivers: readonly string[], now: number, limit: number): Promise<number>;
  /**
   * Leases up to `limit` deliveries to `receiver` that may be sent now: due, not leased, and
   * each the oldest pending delivery of its citizen to that receiver (so a citizen's events
   * go out in order). Safe from several instances at once (`for update skip locked`).
   */
  claim(
    receiver: string,
    options: { now: number; leaseUntil: number; limit: number; leaseToken: string },
  ): Promise<ClaimedDelivery[]>;
  /** Records a 2xx. */
  delivered(delivery: ClaimedDelivery, now: number): Promise<void>;
  /** Records a failed attempt: retried at `nextAttemptAt`, or FAILED when `giveUp`. */
  attemptFailed(
    delivery: ClaimedDelivery,
    outcome: { now: number; nextAttemptAt: number; giveUp: boolean; error: string },
  ): Promise<void>;
  /** Gives leases back unsent (a stopping dispatcher), so another instance need not wait. */
  release(deliveries: readonly ClaimedDelivery[]): Promise<void>;
  /** PENDING deliveries per receiver (receivers without any are absent). */
  pendingCounts(receivers: readonly string[]): Promise<Map<string, number>>;
  /**
   * ACTIVE consents that may owe an expiry event on Copenhagen day `today`: past their
   * validUntil without EXPIRED, or within `horizon` (today + the EXPIRING days) without
   * EXPIRING. Oldest validUntil first, at most `limit`.
   */
  dueExpiries(
    today: string,
    horizon: string,
    limit: number,
  ): Promise<{ readonly id: string; readonly cpr: string }[]>;
  /**
   * Under the citizen's write lock (so it sees the latest consent write), reads the consent
   * and appends what `decide` returns; null leaves it as it is. Resolves the events appended
   * (a unique (consent, type) constraint keeps each at most once, however many schedulers run).
   */
  recordExpiry(
    consentId: string,
    cpr: string,
    decide: (consent: ConsentRecord, stage: number) => ExpiryDecision | null,
  ): Promise<number>;
  /** Recorded events, in append order (tests, operators). */
  events(filter?: { readonly cpr?: string }): Promise<StoredConsentEvent[]>;
  /** Delivery rows, in event order (tests, operators). */
  deliveries(filter?: { readonly receiver?: string }): Promise<DeliveryRow[]>;
  /** Calls `listener` after every commit that appended events in this process. */
  onAppended(listener: () => void): () => void;
  /** Tells the listeners that events were committed (called by the store after its commit). */
  appended(): void;
}
