/**
 * The consent outbox over SQL (PGlite or PostgreSQL): tables `consent_event` and
 * `consent_delivery` (migration 3). Instants are bound as ISO strings from the caller's clock,
 * never the database's `now()`, so every instance and test measures time alike.
 */
import { randomUUID } from 'node:crypto';
import type { ConsentRecord } from '@hoi/domain';
import { isoInstant, type SqlDatabase, type SqlQueryable } from '@hoi/storage';
import { type ConsentEventDraft, consentEventBody } from './consentEvents.js';
import type {
  ClaimedDelivery,
  ConsentOutbox,
  DeliveryRow,
  StoredConsentEvent,
} from './ConsentOutbox.js';

/** Reads one consent by id inside a transaction (the store's row mapping). */
export type ConsentReader = (tx: SqlQueryable, id: string) => Promise<ConsentRecord | null>;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Appends events inside the caller's transaction (a consent write's, so they commit or roll
 * back with it), all of citizen `cpr`. A (consent, type) recorded before is skipped: each
 * event happens at most once. Resolves how many were appended.
 */
export async function appendConsentEvents(
  tx: SqlQueryable,
  cpr: string,
  drafts: readonly ConsentEventDraft[],
): Promise<number> {
  let appended = 0;
  // One statement per event, in order: seq follows the order the write decided on.
  for (const draft of drafts) {
    if (draft.consent.cpr !== cpr)
      throw new Error(`Event for consent ${draft.consent.id} belongs to another citizen`);
    const id = randomUUID();
    const rows = await tx.query<{ id: string }>(
      `insert into consent_event (id, type, consent_id, cpr, occurred_at, body)
       values ($1, $2, $3, $4, $5::timestamptz, $6)
       on conflict (consent_id, type) do nothing
       returning id`,
      [id, draft.type, draft.consent.id, cpr, draft.occurredAt, consentEventBody(id, draft)],
    );
    appended += rows.length;
  }
  return appended;
}

/** The outbox on `db`; its tables come with the consent store's migrations. */
export function createSqlConsentOutbox(db: SqlDatabase, readConsent: ConsentReader): ConsentOutbox {
  const listeners = new Set<() => void>();

  return {
    async fanOut(receivers, now, limit) {
      if (receivers.length === 0) return 0;
      return db.transaction(async (tx) => {
        // One fan-out at a time across instances: it takes every visible event in seq order,
        // so a citizen's later event never gets its deliveries before an earlier one.
        const [lock] = await tx.query<{ got: boolean }>(
          `select pg_try_advisory_xact_lock(hashtext('hoi-consent-fan-out:' || current_schema())) as got`,
        );
        if (!lock?.got) return 0;
        const events = await tx.query<{ seq: number }>(
          `select seq::float8 as seq from consent_event where not fanned_out order by seq limit $1`,
          [limit],
        );
        if (events.length === 0) return 0;
        const seqs = events.map((e) => e.seq);
        await tx.query(
          `insert into consent_delivery (event_id, receiver, cpr, seq, created_at, next_attempt_at)
           select e.id, r.url, e.cpr, e.seq, $3::timestamptz, $3::timestamptz
           from consent_event e cross join unnest($1::text[]) as r(url)
           where e.seq = any($2::bigint[])
           on conflict do nothing`,
          [[...receivers], seqs, iso(now)],
        );
        await tx.query('update consent_event set fanned_out = true where seq = any($1::bigint[])', [
          seqs,
        ]);
        return events.length;
      });
    },

    async claim(receiver, { now, leaseUntil, limit, leaseToken }) {
      // The head rule (no older PENDING delivery of the same citizen to the same receiver)
      // keeps each citizen's events in order; skip locked lets another instance claim other
      // citizens' heads meanwhile instead of waiting.
      const rows = await db.query<Omit<ClaimedDelivery, 'receiver' | 'leaseToken'>>(
        `with heads as (
           select d.event_id from consent_delivery d
           where d.receiver = $1 and d.state = 'PENDING'
             and d.next_attempt_at <= $2::timestamptz
             and (d.lease_until is null or d.lease_until <= $2::timestamptz)
             and not exists (
               select 1 from consent_delivery p
               where p.receiver = d.receiver and p.cpr = d.cpr
                 and p.state = 'PENDING' and p.seq < d.seq)
           order by d.seq
           limit $3
           for update of d skip locked
         )
         update consent_delivery d
         set lease_token = $4, lease_until = $5::timestamptz
         from heads h, consent_event e
         where d.receiver = $1 and d.event_id = h.event_id and e.id = d.event_id
         returning d.event_id as "eventId", d.seq::float8 as seq, d.attempts,
           (extract(epoch from d.created_at) * 1000)::float8 as "createdAt", e.body`,
        [receiver, iso(now), limit, leaseToken, iso(leaseUntil)],
      );
      return rows.map((r) => ({ ...r, receiver, leaseToken })).sort((a, b) => a.seq - b.seq);
    },

    async delivered(d, now) {
      // A 2xx is a fact, whoever holds the lease by now: recording it spares a resend.
      await db.query(
        `update consent_delivery
         set state = 'DELIVERED', attempts = attempts + 1, finished_at = $3::timestamptz,
           lease_token = null, lease_until = null, last_error = null
         where event_id = $1 and receiver = $2 and state = 'PENDING'`,
        [d.eventId, d.receiver, iso(now)],
      );
    },

    async attemptFailed(d, { now, nextAttemptAt, giveUp, error }) {
      await db.query(
        `update consent_delivery
         set attempts = attempts + 1, next_attempt_at = $4::timestamptz,
           lease_token = null, lease_until = null, last_error = $5,
           state = case when $6::boolean then 'FAILED' else 'PENDING' end,
           finished_at = case when $6::boolean then $7::timestamptz else null end
         where event_id = $1 and receiver = $2 and lease_token = $3 and state = 'PENDING'`,
        [d.eventId, d.receiver, d.leaseToken, iso(nextAttemptAt), error, giveUp, iso(now)],
      );
    },

    async release(deliveries) {
      if (deliveries.length === 0) return;
      await db.query(
        `update consent_delivery set lease_token = null, lease_until = null
         where lease_token = any($1::text[]) and state = 'PENDING'`,
        [[...new Set(deliveries.map((d) => d.leaseToken))]],
      );
    },

    async pendingCounts(receivers) {
      const rows = await db.query<{ receiver: string; n: number }>(
        `select receiver, count(*)::int as n from consent_delivery
         where state = 'PENDING' and receiver = any($1::text[])
         group by receiver`,
        [[...receivers]],
      );
      return new Map(rows.map((r) => [r.receiver, r.n]));
    },

    async dueExpiries(today, horizon, limit) {
      return db.query<{ id: string; cpr: string }>(
        `select id, cpr from consent
         where status = 'ACTIVE' and expiry_stage < 2
           and (valid_until < $1::date or (expiry_stage = 0 and valid_until <= $2::date))
         order by valid_until, id
         limit $3`,
        [today, horizon, limit],
      );
    },

    async recordExpiry(consentId, cpr, decide) {
      const appended = await db.transaction(async (tx) => {
        // The lock every consent write for the citizen takes: a withdrawal being written now
        // commits first, and this then sees the consent withdrawn (no EXPIRING after WITHDRAWN).
        await tx.query('select version from consent_citizen where cpr = $1 for update', [cpr]);
        const consent = await readConsent(tx, consentId);
        if (!consent || consent.cpr !== cpr) return 0;
        const [row] = await tx.query<{ stage: number }>(
          'select expiry_stage as stage from consent where id = $1',
          [consentId],
        );
        const decision = decide(consent, row?.stage ?? 0);
        if (!decision) return 0;
        const n = await appendConsentEvents(tx, cpr, decision.events);
        await tx.query(
          'update consent set expiry_stage = greatest(expiry_stage, $2) where id = $1',
          [consentId, decision.stage],
        );
        return n;
      });
      if (appended > 0) for (const listener of listeners) listener();
      return appended;
    },

    async events(filter = {}) {
      return db.query<StoredConsentEvent>(
        `select id, seq::float8 as seq, type, consent_id as "consentId", cpr,
           ${isoInstant('occurred_at')} as "occurredAt", body
         from consent_event
         where $1::text is null or cpr = $1
         order by seq`,
        [filter.cpr ?? null],
      );
    },

    async deliveries(filter = {}) {
      return db.query<DeliveryRow>(
        `select event_id as "eventId", receiver, seq::float8 as seq, state, attempts,
           last_error as "lastError"
         from consent_delivery
         where $1::text is null or receiver = $1
         order by seq, receiver`,
        [filter.receiver ?? null],
      );
    },

    onAppended(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    appended() {
      for (const listener of listeners) listener();
    },
  };
}
