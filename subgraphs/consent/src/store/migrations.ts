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
