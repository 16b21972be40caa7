/**
 * Test databases: PGlite in memory, started from the run's empty template (tests/setup), and
 * throwaway PostgreSQL schemas.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPgliteDatabase, createPostgresDatabase, type SqlDatabase } from '@hoi/storage';
import { inject } from 'vitest';

let template: Blob | undefined;

/** A fresh, empty PGlite database in memory; a fraction of an initdb's cost. */
export async function createTestDatabase(): Promise<SqlDatabase> {
  template ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return createPgliteDatabase('memory://', { template });
}

/** Drops the schemas (and everything in them) from the PostgreSQL at `url`. */
async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL schema of its own for one test file: opened as often as needed, dropped after. */
export interface ThrowawaySchema {
  readonly schema: string;
  open(): Promise<SqlDatabase>;
  /** Drops the schema and everything in it. */
  dispose(): Promise<void>;
}

/** A fresh schema `<prefix>_<random>` on the PostgreSQL at `url` (created on first open). */
export function throwawaySchema(url: string, prefix: string): ThrowawaySchema {
  const schema = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  return {
    schema,
    open: () => createPostgresDatabase(url, schema),
    dispose: () => dropSchemas(url, [schema]),
  };
}

/** Scratch storage of one test file: PostgreSQL schemas and temporary directories. */
export interface Scratch {
  /** A fresh schema name `<prefix>_<random>` (created by whoever opens it), dropped by dispose. */
  schema(prefix: string): string;
  /** A fresh temporary directory `<prefix>-…`, removed by dispose. */
  dir(prefix: string): string;
  dispose(): Promise<void>;
}

/** Scratch storage on the PostgreSQL at `url` and in the temporary directory. */
export function createScratch(url: string): Scratch {
  const schemas: string[] = [];
  const dirs: string[] = [];
  return {
    schema(prefix) {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`;
      schemas.push(name);
      return name;
    },
    dir(prefix) {
      const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
      dirs.push(dir);
      return dir;
    },
    async dispose() {
      await dropSchemas(url, schemas);
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
