/**
 * The few SQL operations the consent store needs, over two drivers: embedded PGlite on disk
 * (no DATABASE_URL) and PostgreSQL through a `pg` pool. Both speak the same SQL; the store
 * never sees which one it runs on.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { withSpan } from '@hoi/telemetry';
import type { StorageConfig } from './storageConfig.js';

/** Something that runs one parameterized statement and returns its rows. */
export interface SqlQueryable {
  /** Runs one statement (`$1`, `$2`, … placeholders) and returns its rows. */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A database: queries, transactions, and shutdown. */
export interface SqlDatabase extends SqlQueryable {
  /**
   * Runs `fn` in one transaction on one connection: commits when it resolves, rolls back and
   * rethrows when it rejects.
   */
  transaction<R>(fn: (tx: SqlQueryable) => Promise<R>): Promise<R>;
  close(): Promise<void>;
  /**
   * True when this process is the database's only client (embedded PGlite owns its data
   * directory): what it has committed is all there is, so a store may keep an exact index of
   * its own writes in memory. False for PostgreSQL, which other instances write too.
   */
  readonly exclusive?: boolean;
}

/** Both drivers speak PostgreSQL. */
const DB_SYSTEM = 'postgresql';
const OPERATIONS = new Set(['select', 'insert', 'update', 'delete', 'with', 'create', 'alter']);

/**
 * A statement's kind for its span, from its first keyword and a fixed set: the statement
 * itself is never recorded, nor are its parameters (they are CPRs and consent data).
 */
function operationOf(sql: string): string {
  const word = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? '';
  return OPERATIONS.has(word) ? word : 'other';
}

/** Runs one statement in a `db.query` span (only within a trace: see withSpan's childOnly). */
function traceQuery<T>(sql: string, run: () => Promise<T>): Promise<T> {
  return withSpan(
    'db.query',
    { 'db.system': DB_SYSTEM, 'db.operation.name': operationOf(sql) },
    run,
    { kind: 'client', childOnly: true },
  );
}

/** Runs a transaction in a `db.transaction` span; its statements are `db.query` children. */
function traceTransaction<R>(run: () => Promise<R>): Promise<R> {
  return withSpan('db.transaction', { 'db.system': DB_SYSTEM }, run, { childOnly: true });
}

/**
 * An embedded PGlite database persisted in `dataDir` (created when missing). Default
 * durability is kept on purpose: with `relaxedDurability` a write could be acknowledged
 * before it reached the files and be lost if the process is killed.
 */
export async function createPgliteDatabase(
  dataDir: string,
  options: {
    /**
     * A dump (`dumpDataDir`) to start from instead of running initdb, which costs seconds:
     * the tests make one empty database once and start every other from it.
     */
    readonly template?: Blob;
  } = {},
): Promise<SqlDatabase> {
  const db = await PGlite.create(
    dataDir,
    options.template ? { loadDataDir: options.template } : {},
  );
  return {
    exclusive: true,
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      return traceQuery(sql, async () => (await db.query<T>(sql, [...params])).rows);
    },
    // PGlite is one connection; its transaction() holds an exclusive lock, so queries from
    // other callers wait instead of interleaving with the transaction.
    transaction<R>(fn: (tx: SqlQueryable) => Promise<R>): Promise<R> {
      return traceTransaction(() =>
        db.transaction((tx) =>
          fn({
            async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
              return traceQuery(sql, async () => (await tx.query<T>(sql, [...params])).rows);
            },
          }),
        ),
      );
    },
    close: () => db.close(),
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * `create schema if not exists` is not safe against a concurrent one: two processes starting
 * on the same schema (consent and screening share DATABASE_URL and DATABASE_SCHEMA) can both
 * pass the check, and the second fails on the catalog's unique index. That loser finds the
 * schema there, which is all it wanted.
 */
async function createSchemaIfMissing(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`create schema if not exists ${schema}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

/**
 * A PostgreSQL database through a pool of at most 10 connections. With `schema`, the schema
 * is created when missing and every connection uses it as its `search_path`, so one database
 * can host isolated stores (tests, several environments).
 */
export async function createPostgresDatabase(url: string, schema?: string): Promise<SqlDatabase> {
  // The name is spliced into SQL and a startup option, so only plain identifiers pass.
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid schema name: ${JSON.stringify(schema)}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client that dies (e.g. the server restarts) emits 'error' on the pool; unhandled
  // it would crash the process. The pool already discards that client, so nothing else to do.
  pool.on('error', () => {});
  try {
    if (schema !== undefined) await createSchemaIfMissing(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      return traceQuery(sql, async () => (await pool.query(sql, [...params])).rows as T[]);
    },
    transaction<R>(fn: (tx: SqlQueryable) => Promise<R>): Promise<R> {
      return traceTransaction(() => postgresTransaction(fn));
    },
    close: () => pool.end(),
  };

  async function postgresTransaction<R>(fn: (tx: SqlQueryable) => Promise<R>): Promise<R> {
    // One pooled client for the whole transaction: BEGIN/COMMIT only mean something on the
    // connection that ran the statements in between.
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const result = await fn({
        async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
          return traceQuery(sql, async () => (await client.query(sql, [...params])).rows as T[]);
        },
      });
      await client.query('commit');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        // A client that cannot roll back is in an unknown state: destroy it, don't reuse it.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * Opens the database a storage configuration names: PostgreSQL when DATABASE_URL is set, else
 * PGlite in its data directory (created if missing).
 */
export async function openDatabase(config: StorageConfig): Promise<SqlDatabase> {
  if (config.databaseUrl) return createPostgresDatabase(config.databaseUrl, config.databaseSchema);
  mkdirSync(config.dataDir, { recursive: true });
  return createPgliteDatabase(config.dataDir);
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: SqlQueryable): Promise<boolean> {
  try {
    await db.query('select 1');
    return true;
  } catch {
    return false;
  }
}
