/**
 * Bad configuration refuses to start (issue 5, acceptance 5): a subgraph process and the
 * simulator exit non-zero before listening, with one line per bad value naming its variable.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

function run(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        ACCESS_CONTEXT_SECRET: 'bad-config-test-secret-0123456789abcdef',
        CASES_PORT: '0',
        SIMULATOR_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('bad configuration', () => {
  it('stops a subgraph before it listens, naming every bad variable', async () => {
    const [mode, values] = await Promise.all([
      run('subgraphs/cases/dist/index.js', {
        SOURCE_MODE: 'remote',
        SOURCE_TIMEOUT_MS: 'soon',
        SOURCE_URL: 'not a url',
      }),
      run('subgraphs/cases/dist/index.js', {
        SOURCE_MODE: 'http',
        SOURCE_URL: '',
        CASES_SOURCE_URL: '',
      }),
    ]);
    expect(mode.code).toBe(1);
    expect(mode.stderr).toContain('SOURCE_MODE must be one of embedded, http, got "remote"');
    expect(mode.stderr).toContain(
      'SOURCE_TIMEOUT_MS must be an integer from 1 to 600000, got "soon"',
    );
    expect(mode.stderr).toContain('SOURCE_URL must be an absolute URL, got "not a url"');
    expect(values.code).toBe(1);
    expect(values.stderr).toContain(
      'SOURCE_URL (or CASES_SOURCE_URL) must be set when SOURCE_MODE=http',
    );
  });

  it('stops the simulator, naming every bad variable', async () => {
    const { code, stderr } = await run('simulator/dist/index.js', {
      SIMULATOR_ERROR_RATE: 'often',
      SIMULATOR_CASE_INDEX_LATENCY_MS: '-5',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SIMULATOR_ERROR_RATE must be a number from 0 to 1, got "often"');
    expect(stderr).toContain(
      'SIMULATOR_CASE_INDEX_LATENCY_MS must be an integer from 0 to 600000, got "-5"',
    );
  });
});
