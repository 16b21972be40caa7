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
