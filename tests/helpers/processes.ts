/** Service processes for the end-to-end tests: compiled entries, spawned, stopped by signal. */
import { spawn, type ChildProcess } from 'node:child_process';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A service process that has logged the URL it listens on. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Its GraphQL endpoint (the URL it logged). */
  readonly url: string;
}

/**
 * Starts a compiled service entry (e.g. `subgraphs/plan/dist/index.js`) with `env` on top of
 * this process's environment, appending everything it writes to `logs`; resolves once it
 * logs its URL.
 */
export function startService(
  entry: string,
  env: Record<string, string>,
  logs: string[],
  timeoutMs = 40_000,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<ServiceProcess>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} did not start:\n${logs.join('')}`)),
      timeoutMs,
    );
    child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      const text = d.toString();
      logs.push(text);
      const m = /"url":"([^"]+)"/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`${entry} exited with ${code}:\n${logs.join('')}`)),
    );
  });
}

/** Sends `signal` and resolves with the exit code once the process has exited. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<unknown> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', resolve);
    child.kill(signal);
  });
}
