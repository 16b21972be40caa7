/**
 * The plan store's schema: ordered migrations shared by PGlite and PostgreSQL, with the
 * consent store's runner but its own ledger and lock, so the plan subgraph migrates a shared
 * PostgreSQL schema independently of the others. Every table is prefixed `hoi_plan`.
 */
import { type Migration, runMigrations, type SqlDatabase } from '@hoi/storage';

/** All migrations, oldest first. Never edit an applied one: append a new version. */
export const PLAN_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `create table hoi_plan (
        id text primary key,
        cpr text not null,
        status text not null check (status in ('DRAFT', 'ACTIVE', 'CLOSED')),
        version integer not null check (version >= 1),
        overall_goal text not null,
        created_at timestamptz not null,
        revised_at timestamptz
      )`,
      // One plan per citizen, whichever instance creates it.
      `create unique index hoi_plan_one_per_citizen on hoi_plan (cpr)`,
      `create table hoi_plan_element (
        id text primary key,
        plan_id text not null references hoi_plan (id),
        kind text not null check (kind in ('SUB_GOAL', 'AGREEMENT', 'MEETING')),
        area text not null,
        text text not null,
        status text not null,
        due_date date,
        start_at timestamptz,
        end_at timestamptz,
        citizen_comment text,
        created_at timestamptz not null,
        check (kind <> 'MEETING' or (start_at is not null and end_at > start_at))
      )`,
      `create index hoi_plan_element_plan on hoi_plan_element (plan_id)`,
      // Which demo seeds this store has taken, so a restart never seeds twice.
      `create table hoi_plan_seed (
        name text primary key,
        seeded_at timestamptz not null
      )`,
    ],
  },
];

/** Brings the plan store's schema up to date. */
export function runPlanMigrations(db: SqlDatabase): Promise<void> {
  return runMigrations(db, PLAN_MIGRATIONS, {
    table: 'hoi_plan_migrations',
    lock: 'hoi-plan-migrations',
  });
}
