/** Starting, measuring and stopping the benchmark's processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOT = new URL('..', import.meta.url).pathname;

/** A running service. */
export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn until its readiness URL answered. */
  readonly startupMs: number;
  output(): string;
}

/**
 * Spawns `node <entry>` (our services' compiled `dist/index.js`; `.ts` entries, the peers,
 * through tsx) and waits until `readyUrl` answers 200.
 */
export async function startService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  readyUrl: string,
  timeoutMs = 180_000,
  /** The checkout the entry is in. @default this one */
  cwd = ROOT,
): Promise<Service> {
  const started = performance.now();
  // BENCH_CPU_PROF_DIR: every service writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF_DIR
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`,
        `--cpu-prof-name=${name}.cpuprofile`,
      ]
    : [];
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...profile, ...loader, entry], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(readyUrl, { headers: { 'apollo-require-preflight': 'true' } });
      if (res.ok)
        return { name, child, startupMs: performance.now() - started, output: () => output };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become ready within ${timeoutMs} ms:\n${output}`);
}

/** Resident set size of a service's process, in MiB. */
export function rssMiB(service: Service): number {
  return statusMiB(service, 'VmRSS');
}

/**
 * The largest resident set size the process has had, in MiB: unlike the current one, it does
 * not depend on when it is read (a PGlite store's start-up peak shrinks minutes later).
 */
export function peakRssMiB(service: Service): number {
  return statusMiB(service, 'VmHWM');
}

function statusMiB(service: Service, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${service.child.pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Stops services with SIGTERM (SIGKILL after 5 s). */
export async function stopAll(services: readonly Service[]): Promise<void> {
  await Promise.all(
    services.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
          const timer = setTimeout(() => s.child.kill('SIGKILL'), 5_000);
          s.child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          s.child.kill('SIGTERM');
        }),
    ),
  );
}
