/** Test databases: PGlite in memory, started from the run's empty template (tests/setup). */
import { readFileSync } from 'node:fs';
import { createPgliteDatabase, type SqlDatabase } from '@hoi/storage';
import { inject } from 'vitest';

let template: Blob | undefined;

/** A fresh, empty PGlite database in memory; a fraction of an initdb's cost. */
export async function createTestDatabase(): Promise<SqlDatabase> {
  template ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return createPgliteDatabase('memory://', { template });
}
