import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = new URL('./', import.meta.url);
const rootPackage = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  workspaces: string[];
};

/**
 * Tests run on the TypeScript sources of the workspace packages: each `@hoi/*` name maps to
 * the file its `exports` give under the `@hoi/source` condition (production resolves the
 * compiled dist/). An alias, not a resolve condition: conditions would also apply to every
 * dependency in node_modules and pick builds Node cannot load.
 */
function workspaceSources(): Record<string, string> {
  const aliases: Record<string, string> = {};
  const folders = rootPackage.workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirOf(pattern.slice(0, -2)).map((name) => `${pattern.slice(0, -2)}/${name}`)
      : [pattern],
  );
  for (const folder of folders) {
    const pkg = JSON.parse(readFileSync(new URL(`${folder}/package.json`, root), 'utf8')) as {
      name: string;
      exports: { '.': { '@hoi/source': string } };
    };
    aliases[pkg.name] = fileURLToPath(
      new URL(`${folder}/${pkg.exports['.']['@hoi/source']}`, root),
    );
  }
  return aliases;
}

function readdirOf(folder: string): string[] {
  return readdirSync(new URL(`${folder}/`, root)).filter((name) =>
    existsSync(new URL(`${folder}/${name}/package.json`, root)),
  );
}

/** The empty PGlite database the in-process test databases start from (integration only). */
const globalSetup = ['tests/setup/pgliteTemplate.ts'];

export default defineConfig({
  resolve: {
    alias: {
      ...workspaceSources(),
      // One graphql realm: Apollo's CommonJS packages require graphql's CJS build, so our ESM
      // imports must resolve to the same files (otherwise "from another module or realm").
      graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)),
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most integration and e2e time is waiting (servers, Redis, child processes), not CPU:
    // more files than cores in flight keeps the two cores busy.
    maxWorkers: 3,
    reporters: ['default', './tests/setup/projectTimes.ts'],
    projects: [
      // No network, no databases: pure functions, one subgraph through executeOperation.
      // Files share a worker's loaded modules (no fresh import of Apollo and graphql per file):
      // they keep no state between files.
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false },
      },
      // Real HTTP, Redis and PostgreSQL, every server in the test's process.
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup,
          isolate: false,
        },
      },
      // Whole processes (npm start, SIGKILL, a browser): one file at a time.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
