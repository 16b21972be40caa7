/**
 * Test databases: PGlite in memory, started from the run's empty template (tests/setup), and
 * throwaway PostgreSQL schemas.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createPgliteDatabase, createPostgresDatabase, type SqlDatabase } from '@hoi/storage';
import { inject } from 'vitest';

let template: Blob | undefined;

/** A fresh, empty PGlite database in memory; a fraction of an initdb's cost. */
export async function createTestDatabase(): Promise<SqlDatabase> {
  template ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return createPgliteDatabase('memory://', { template });
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
    async dispose() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
