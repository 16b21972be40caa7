/**
 * `npm run check` (the first half of `npm test`): lint, format, package boundaries, the build
 * and the type check of tests and tools, the stale-artefact checks (supergraph and API schema,
 * generated resolver types and typed client documents, the persisted-operation manifest) and
 * the API change control (a breaking change of schema/api.graphql needs a CHANGELOG.md line).
 * They are independent (but the type check of tests reads the build's declarations), so they
 * run side by side, two at a time on these 2-core machines; each one's output is printed when
 * it ends, and any failure fails the whole.
 */
import { spawn } from 'node:child_process';

/** One check: its name and the commands it runs, in order. */
interface Check {
  readonly name: string;
  readonly steps: readonly (readonly string[])[];
}

/** An npm script of package.json, where each check's command is defined once. */
const npmRun = (script: string, ...args: string[]) => [
  'npm',
  'run',
  '--silent',
  script,
  ...(args.length > 0 ? ['--', ...args] : []),
];

const CHECKS: readonly Check[] = [
  {
    name: 'build and type check',
    steps: [npmRun('build'), ['tsc', '-p', 'tsconfig.tools.json']],
  },
  { name: 'lint', steps: [npmRun('lint')] },
  { name: 'format', steps: [npmRun('format:check')] },
  { name: 'boundaries', steps: [npmRun('boundaries')] },
  { name: 'supergraph', steps: [npmRun('compose', '--check')] },
  { name: 'generated types', steps: [npmRun('tool', 'tools/checkGenerated.ts')] },
  {
    name: 'persisted operations',
    steps: [npmRun('tool', 'tools/persistedOperations.ts', '--check')],
  },
  { name: 'schema changes', steps: [npmRun('tool', 'tools/schemaChanges.ts')] },
];
const PARALLEL = 2;

/** Runs one command; resolves its exit code and output. */
function run(command: readonly string[]): Promise<{ code: number; output: string }> {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => {
    child.once('error', (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function runCheck(check: Check): Promise<boolean> {
  const started = performance.now();
  for (const step of check.steps) {
    const { code, output } = await run(step);
    if (code !== 0) {
      console.error(`✗ ${check.name}: ${step.join(' ')} failed\n${output}`);
      return false;
    }
    if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
  console.log(`✓ ${check.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return true;
}

const queue = [...CHECKS];
const results = await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    let ok = true;
    for (let check = queue.shift(); check; check = queue.shift())
      ok = (await runCheck(check)) && ok;
    return ok;
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
