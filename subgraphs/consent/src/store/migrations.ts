/** The consent store's schema, as ordered migrations (PGlite and PostgreSQL alike). */
import {
  type Migration,
  type MigrationLedger,
  runMigrations,
  type SqlDatabase,
} from '@hoi/storage';

/** All migrations, oldest first. Never edit an applied one: append a new version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `create table consent_citizen (
        cpr text primary key,
        version integer not null
      )`,
      `create table consent (
        id text primary key,
        cpr text not null,
        status text not null check (status in ('ACTIVE', 'WITHDRAWN')),
        areas text[] not null,
        given_at timestamptz not null,
        valid_until date not null,
        withdrawn_at timestamptz
      )`,
      `create index consent_cpr_given_at on consent (cpr, given_at)`,
      `create table audit_log (
        id bigserial primary key,
        at timestamptz not null,
        request_id text not null,
        operation_name text,
        subject text not null,
        role text not null,
        citizen_ref text not null,
        areas text[] not null,
        bases jsonb not null
      )`,
      `create index audit_log_citizen_ref on audit_log (citizen_ref)`,
      `create index audit_log_request_id on audit_log (request_id)`,
    ],
  },
  {
    // Accountability (DESIGN §3a): who recorded and withdrew each consent, through which
    // channel, and per audit record its kind, the actor's unit and the purpose. Rows from
    // before keep their data; what was not recorded then reads as role 'unknown'.
    version: 2,
    statements: [
      `alter table consent
         add column channel text not null default 'RECORDED_BY_CASEWORKER'
           check (channel in ('SELF_SERVICE', 'RECORDED_BY_CASEWORKER')),
         add column given_by_role text not null default 'unknown',
         add column given_by_unit text,
         add column withdrawn_by_role text,
         add column withdrawn_by_unit text`,
      `update consent set withdrawn_by_role = 'unknown' where status = 'WITHDRAWN'`,
      `alter table audit_log
         add column kind text not null default 'READ' check (kind in ('READ', 'WRITE', 'SCREENING')),
         add column unit text,
         add column purpose text not null default 'CITIZEN_OVERVIEW'`,
      // The access log: one citizen's records, newest first, page by page.
      `create index audit_log_citizen_newest on audit_log (citizen_ref, at desc, id desc)`,
    ],
  },
  {
    // Consent notifications (webhooks): the outbox of consent events, appended in the same
    // transaction as the consent write; one delivery row per event and receiver URL; and per
    // consent how far its expiry events got, so the scheduler's scan covers only consents
    // that still owe one.
    version: 3,
    statements: [
      `create table consent_event (
        seq bigserial primary key,
        id text not null unique,
        type text not null check (type in ('GIVEN', 'WITHDRAWN', 'EXPIRING', 'EXPIRED')),
        consent_id text not null,
        cpr text not null,
        occurred_at timestamptz not null,
        body text not null,
        fanned_out boolean not null default false,
        constraint consent_event_once unique (consent_id, type)
      )`,
      `create index consent_event_to_fan_out on consent_event (seq) where not fanned_out`,
      `create index consent_event_cpr on consent_event (cpr, seq)`,
      `create table consent_delivery (
        event_id text not null references consent_event (id),
        receiver text not null,
        cpr text not null,
        seq bigint not null,
        state text not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer not null default 0,
        created_at timestamptz not null,
        next_attempt_at timestamptz not null,
        lease_token text,
        lease_until timestamptz,
        last_error text,
        finished_at timestamptz,
        primary key (event_id, receiver)
      )`,
      // The claim's scan (due heads in seq order) and its per-citizen head check.
      `create index consent_delivery_pending on consent_delivery (receiver, seq) where state = 'PENDING'`,
      `create index consent_delivery_pending_citizen on consent_delivery (receiver, cpr, seq)
         where state = 'PENDING'`,
      `create index consent_delivery_lease on consent_delivery (lease_token) where lease_token is not null`,
      // 0: nothing yet, 1: EXPIRING recorded, 2: EXPIRED recorded (done).
      `alter table consent add column expiry_stage smallint not null default 0`,
      `create index consent_expiry_due on consent (valid_until, id)
         where status = 'ACTIVE' and expiry_stage < 2`,
    ],
  },
];

/** Where the consent migrations record themselves. */
export const CONSENT_LEDGER: MigrationLedger = {
  table: 'schema_migrations',
  lock: 'hoi-consent-migrations',
};

/** Brings the consent store's schema up to date. */
export function runConsentMigrations(db: SqlDatabase): Promise<void> {
  return runMigrations(db, MIGRATIONS, CONSENT_LEDGER);
}
