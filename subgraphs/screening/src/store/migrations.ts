/**
 * The screening store's schema: ordered migrations shared by PGlite and PostgreSQL, with the
 * consent store's runner pattern but its own bookkeeping table and lock, so both subgraphs
 * can migrate the same PostgreSQL schema independently. Every table is prefixed `screening_`
 * or `hoi_`.
 */
import { type Migration, runMigrations, type SqlDatabase } from '@hoi/storage';

/** All migrations, oldest first. Never edit an applied one: append a new version. */
export const SCREENING_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `create table hoi_decision (
        seq bigserial primary key,
        id text not null unique,
        cpr text not null,
        kind text not null check (kind in ('HOI_CASE', 'DECLINED')),
        reason text,
        decided_at timestamptz not null,
        decided_by text not null
      )`,
      `create index hoi_decision_cpr on hoi_decision (cpr)`,
      // One HOI case per citizen, whichever instance registers it.
      `create unique index hoi_decision_one_case on hoi_decision (cpr) where kind = 'HOI_CASE'`,
      `create table screening_audit_log (
        id bigserial primary key,
        at timestamptz not null,
        request_id text not null,
        operation_name text,
        subject text not null,
        role text not null,
        citizen_ref text,
        areas text[] not null,
        bases jsonb not null,
        purpose text not null
      )`,
      `create index screening_audit_log_citizen_ref on screening_audit_log (citizen_ref)`,
      `create index screening_audit_log_request_id on screening_audit_log (request_id)`,
    ],
  },
  {
    // Accountability (DESIGN §3a): the actor's unit, and the access log's read path.
    version: 2,
    statements: [
      `alter table screening_audit_log add column unit text`,
      `create index screening_audit_log_citizen_newest on screening_audit_log (citizen_ref, at desc, id desc)`,
    ],
  },
];

/** Applies the screening migrations not yet recorded (safe from several processes at once). */
export function runScreeningMigrations(
  db: SqlDatabase,
  migrations: readonly Migration[] = SCREENING_MIGRATIONS,
): Promise<void> {
  return runMigrations(db, migrations, {
    table: 'screening_schema_migrations',
    lock: 'hoi-screening-migrations',
  });
}
