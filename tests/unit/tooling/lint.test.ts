/** The lint rules that guard the code's shape, tried on planted code (ESLint's own API). */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function rulesBroken(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('only entry points and configuration modules read process.env', () => {
  const reading = 'export const port = process.env.PORT;\n';

  it('refuses process.env in a package module and a service module', async () => {
    expect(await rulesBroken(reading, 'packages/platform/src/leak.ts')).toContain(
      'no-restricted-properties',
    );
    expect(await rulesBroken(reading, 'subgraphs/cases/src/subgraph.ts')).toContain(
      'no-restricted-properties',
    );
    expect(await rulesBroken(reading, 'gateway/src/server.ts')).toContain(
      'no-restricted-properties',
    );
  });

  it('allows it in an index.ts and a config module', async () => {
    expect(await rulesBroken(reading, 'subgraphs/cases/src/index.ts')).toEqual([]);
    expect(await rulesBroken(reading, 'gateway/src/config.ts')).toEqual([]);
    expect(await rulesBroken(reading, 'packages/subgraph-kit/src/subgraphConfig.ts')).toEqual([]);
  });
});

describe('imports', () => {
  it('marks type-only imports as such', async () => {
    const text = "import { Logger } from '@hoi/platform';\nexport const f = (l: Logger) => l;\n";
    expect(await rulesBroken(text, 'packages/cache/src/leak.ts')).toContain(
      '@typescript-eslint/consistent-type-imports',
    );
  });
});
