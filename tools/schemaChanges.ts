/**
 * Change control of the client-facing API (run by `npm run check`): compares schema/api.graphql
 * in the working tree with the version committed at HEAD (graphql-inspector's diff) and fails
 * when a BREAKING change (a removed or renamed field, type or enum value, a narrowed argument …)
 * is not recorded in CHANGELOG.md, i.e. no line of it names the change's path (e.g.
 * `Citizen.cases`). Nothing committed yet at HEAD: nothing to compare. Additions never fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/** A breaking change of the schema and whether the changelog records it. */
export interface BreakingChange {
  /** The schema coordinate it touches (`Citizen.cases`, `SectorArea.HEALTH`, `Query.citizen.cpr`). */
  readonly path: string;
  readonly message: string;
  readonly recorded: boolean;
}

/**
 * The breaking changes from `before` to `after` (two SDL texts), each marked recorded when a
 * line of the changelog names its path (the whole coordinate, not a prefix of a longer one).
 */
export async function breakingChanges(
  before: string,
  after: string,
  changelog: string,
): Promise<BreakingChange[]> {
  const changes: Change[] = await diff(buildSchema(before), buildSchema(after));
  return changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .map((c) => {
      const path = c.path ?? c.message;
      return { path, message: c.message, recorded: mentions(changelog, path) };
    });
}

/** Whether the text names the coordinate as a whole word (`Citizen.cases`, not `Citizen.casesX`). */
function mentions(text: string, path: string): boolean {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.])${escaped}(?![\\w])`, 'm').test(text);
}

/** The file as committed at HEAD, or null when there is none (a new repository or file). */
function committed(file: string): string | null {
  try {
    return execFileSync('git', ['show', `HEAD:${file}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const root = new URL('../', import.meta.url);
  const before = committed('schema/api.graphql');
  if (before === null) {
    console.log('schema/api.graphql: nothing committed at HEAD to compare with.');
    return;
  }
  const after = readFileSync(new URL('schema/api.graphql', root), 'utf8');
  const changelogFile = new URL('CHANGELOG.md', root);
  const changelog = existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : '';
  const breaking = await breakingChanges(before, after, changelog);
  const unrecorded = breaking.filter((c) => !c.recorded);
  if (unrecorded.length > 0) {
    console.error('schema/api.graphql has breaking changes that CHANGELOG.md does not record:');
    for (const c of unrecorded) console.error(`  ${c.path}: ${c.message}`);
    console.error(
      'Record each under "Unreleased" (a line naming its path, e.g. `Citizen.cases`), or undo it.',
    );
    process.exit(1);
  }
  console.log(
    `schema/api.graphql against HEAD: ${breaking.length} breaking change(s), all recorded in CHANGELOG.md.`,
  );
}

// Run only as a script: the unit test imports breakingChanges.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
