/**
 * Vitest global setup: one empty PGlite database, made once per test run (an initdb costs
 * seconds) and handed to every test file as a dump that tests/helpers/database.ts starts
 * from.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the empty database's dump (a tar file). */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await db.close();
  const file = join(tmpdir(), `hoi-pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => rmSync(file, { force: true });
}
