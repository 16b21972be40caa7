/**
 * The API change control (tools/schemaChanges.ts): a breaking change needs a changelog line
 * naming its path; additions need none.
 */
import { describe, expect, it } from 'vitest';
import { breakingChanges } from '../../../tools/schemaChanges.js';

const BEFORE = `
type Query { citizen(cpr: String!): Citizen! }
type Citizen { cpr: String! cases: [Case!]! }
type Case { id: ID! title: String! }
`;

describe('breakingChanges', () => {
  it('reports a removed field as breaking and unrecorded without a changelog line', async () => {
    const after = BEFORE.replace(' cases: [Case!]!', '');
    const changes = await breakingChanges(BEFORE, after, '# Changelog\n\n## [Unreleased]\n');
    expect(changes).toEqual([expect.objectContaining({ path: 'Citizen.cases', recorded: false })]);
  });

  it('counts a removed field as recorded when a changelog line names its path', async () => {
    const after = BEFORE.replace(' cases: [Case!]!', '');
    const changelog = '## [Unreleased]\n### Removed\n- `Citizen.cases`: read `timeline` instead.\n';
    const changes = await breakingChanges(BEFORE, after, changelog);
    expect(changes).toEqual([expect.objectContaining({ path: 'Citizen.cases', recorded: true })]);
  });

  it('does not take a longer coordinate for the path', async () => {
    const after = BEFORE.replace(' cases: [Case!]!', '');
    const changes = await breakingChanges(BEFORE, after, '- `Citizen.casesOpen` added\n');
    expect(changes.map((c) => c.recorded)).toEqual([false]);
  });

  it('finds nothing breaking in an added field', async () => {
    const after = BEFORE.replace('title: String!', 'title: String! openedAt: String');
    expect(await breakingChanges(BEFORE, after, '')).toEqual([]);
  });

  it('finds a removed enum value breaking', async () => {
    const before = `${BEFORE} enum SectorArea { EMPLOYMENT HEALTH }`;
    const after = `${BEFORE} enum SectorArea { EMPLOYMENT }`;
    const changes = await breakingChanges(before, after, '');
    expect(changes).toEqual([
      expect.objectContaining({ path: 'SectorArea.HEALTH', recorded: false }),
    ]);
  });
});
