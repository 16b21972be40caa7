/** Load generation in a separate process: the autocannon CLI, JSON results. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;

/** What one load run measured. */
export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly requests: number;
  /** The load generator's own CPU milliseconds over the run (the varied load only). */
  readonly cpuMs?: number;
}

/** Runs autocannon against a URL with a fixed POST body; resolves its figures. */
export async function runLoad(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
}): Promise<LoadResult> {
  const args = [
    `${ROOT}node_modules/autocannon/autocannon.js`,
    '-j',
    '-c',
    String(options.connections),
    '-d',
    String(options.durationS),
    '-m',
    'POST',
    '-b',
    options.body,
    ...Object.entries(options.headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    options.url,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon failed (${code}): ${err}`);
  const r = JSON.parse(out) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    requests: r.requests.total,
  };
}

/**
 * Runs a load where each request has its own body (cycled in order) and its own caller (the
 * tokens, cycled), in a process of its own; `rate` makes it open-loop at that many requests
 * per second over all connections, else closed-loop.
 */
export async function runVariedLoad(options: {
  url: string;
  bodies: readonly string[];
  tokens: readonly string[];
  connections: number;
  durationS: number;
  rate?: number;
}): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hoi-load-'));
  const file = join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify(options));
  try {
    const child = spawn(process.execPath, [`${ROOT}bench/loadWorker.cjs`, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`load worker failed (${code}): ${err}`);
    return JSON.parse(out) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
