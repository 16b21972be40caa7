/**
 * Schema migrations, shared by every store on PGlite and PostgreSQL: ordered, each applied
 * once, recorded in a ledger table per store.
 *
 * Reads convert dates and instants to ISO strings in SQL (`to_char`) rather than relying on
 * each driver's type parsing, which differs between `pg` and PGlite.
 */
import type { SqlDatabase, SqlQueryable } from './sqlDatabase.js';

/** One schema change; statements run in order, in one transaction with its bookkeeping. */
export interface Migration {
  /** Strictly increasing; recorded in `schema_migrations` once applied. */
  readonly version: number;
  /** One statement per entry: the extended query protocol accepts only one at a time. */
  readonly statements: readonly string[];
}

/** SQL expression rendering a `date` column as `YYYY-MM-DD`. */
export function isoDate(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD')`;
}

/** SQL expression rendering a `timestamptz` column as an ISO instant in UTC, millisecond precision. */
export function isoInstant(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Where a set of migrations records itself; each subgraph's store has its own. */
export interface MigrationLedger {
  /** Table recording applied versions (e.g. 'schema_migrations'). */
  readonly table: string;
  /** Name of the advisory lock runners take turns on (e.g. 'hoi-consent-migrations'). */
  readonly lock: string;
}

/**
 * Applies every migration not yet recorded in the ledger table, each in its own transaction.
 * Safe to run on every start and from several processes at once: a transaction-scoped
 * advisory lock (per schema) makes concurrent runners take turns, and each re-checks what is
 * applied after acquiring it.
 */
export async function runMigrations(
  db: SqlDatabase,
  migrations: readonly Migration[],
  ledger: MigrationLedger,
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(ledger.table))
    throw new Error(`bad migration table name ${ledger.table}`);
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext($1 || ':' || current_schema()))`, [
        ledger.lock,
      ]);
      await tx.query(
        `create table if not exists ${ledger.table} (
          version integer primary key,
          applied_at timestamptz not null default now()
        )`,
      );
      const applied = await tx.query<{ version: number }>(
        `select version from ${ledger.table} where version = $1`,
        [migration.version],
      );
      if (applied.length > 0) return;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`insert into ${ledger.table} (version) values ($1)`, [migration.version]);
    });
  }
}

/**
 * Runs `insert` over `rows` in statements of at most `perStatement` rows; several statements
 * only for huge batches, in one transaction so they stay all-or-nothing.
 */
export async function insertInChunks<T>(
  db: SqlDatabase,
  rows: readonly T[],
  perStatement: number,
  insert: (q: SqlQueryable, chunk: readonly T[]) => Promise<void>,
): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length <= perStatement) return insert(db, rows);
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += perStatement)
      await insert(tx, rows.slice(i, i + perStatement));
  });
}
