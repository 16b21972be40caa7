/**
 * The boundary check (`npm run boundaries`, part of `npm test`) fails on each kind of
 * violation: checked by planting one of each in a small tree laid out like ours and running
 * the same dependency-cruiser configuration over it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** A tree that keeps every rule. */
const CLEAN: Record<string, string> = {
  'packages/domain/src/index.ts': "export * from './areas.js';\n",
  'packages/domain/src/areas.ts': "export const AREAS = ['EMPLOYMENT'];\n",
  'packages/platform/src/index.ts': "export * from './logger.js';\n",
  'packages/platform/src/logger.ts':
    "import { AREAS } from '../../domain/src/index.js';\nexport const log = () => AREAS;\n",
  'subgraphs/cases/src/subgraph.ts':
    "import { log } from '../../../packages/platform/src/index.js';\nexport const cases = log;\n",
  'subgraphs/consent/src/subgraph.ts': 'export const consent = 1;\n',
  'gateway/src/gateway.ts':
    "import { log } from '../../packages/platform/src/index.js';\nexport const gateway = log;\n",
};

/** One planted violation per rule: the file to add and the rule it must break (reported there). */
const PLANTED: readonly { rule: string | null; file: string; text: string }[] = [
  {
    rule: 'no-circular',
    file: 'packages/domain/src/areas.ts',
    text: "import './cycle.js';\nexport const AREAS = ['EMPLOYMENT'];\n",
  },
  // The other half of the cycle: reported once, from areas.ts.
  {
    rule: null,
    file: 'packages/domain/src/cycle.ts',
    text: "import { AREAS } from './areas.js';\nexport const again = AREAS;\n",
  },
  {
    rule: 'subgraph-to-other-subgraph',
    file: 'subgraphs/cases/src/leak.ts',
    text: "import { consent } from '../../consent/src/subgraph.js';\nexport const leak = consent;\n",
  },
  {
    rule: 'gateway-to-subgraph',
    file: 'gateway/src/leak.ts',
    text: "import { cases } from '../../subgraphs/cases/src/subgraph.js';\nexport const leak = cases;\n",
  },
  {
    rule: 'domain-depends-on-nothing',
    file: 'packages/domain/src/leak.ts',
    text: "import { log } from '../../platform/src/index.js';\nexport const leak = log;\n",
  },
  {
    rule: 'no-deep-import',
    file: 'subgraphs/consent/src/deep.ts',
    text: "import { log } from '../../../packages/platform/src/logger.js';\nexport const deep = log;\n",
  },
  {
    rule: 'package-to-service',
    file: 'packages/platform/src/leak.ts',
    text: "import { gateway } from '../../../gateway/src/gateway.js';\nexport const leak = gateway;\n",
  },
  {
    rule: 'not-to-unresolvable',
    file: 'gateway/src/typo.ts',
    text: "import { nothing } from './nowhere.js';\nexport const typo = nothing;\n",
  },
];

function layOut(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  writeFileSync(
    join(dir, 'tsconfig.base.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  );
}

function check(dir: string): { status: number | null; output: string } {
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      'packages',
      'subgraphs',
      'gateway',
      '--config',
      join(ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      'err',
    ],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

let clean: string;
let planted: string;

beforeAll(() => {
  clean = mkdtempSync(join(tmpdir(), 'hoi-boundaries-clean-'));
  layOut(clean, CLEAN);
  planted = mkdtempSync(join(tmpdir(), 'hoi-boundaries-planted-'));
  layOut(planted, { ...CLEAN, ...Object.fromEntries(PLANTED.map((p) => [p.file, p.text])) });
});
afterAll(() => {
  rmSync(clean, { recursive: true, force: true });
  rmSync(planted, { recursive: true, force: true });
});

describe('the boundary check', () => {
  it('passes a tree that keeps the rules', () => {
    const { status, output } = check(clean);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('fails on every planted violation, naming its rule and file', () => {
    const { status, output } = check(planted);
    expect(status).not.toBe(0);
    for (const { rule, file } of PLANTED) {
      if (rule)
        expect(output).toMatch(new RegExp(`error ${rule}: ${file.replace(/[.]/g, '[.]')} →`));
    }
    expect(output).toMatch(/x 7 dependency violations/);
  });
});
