/**
 * The side-effectful start of a process (called only from an `index.ts`): listen, log, and
 * shut down gracefully on SIGTERM/SIGINT (in-flight requests finish first, then `onClose`
 * releases the rest).
 */
import type { Server } from 'node:http';
import { ConfigError } from './env.js';
import { closeServer, listen } from './httpServer.js';
import type { Logger } from './logger.js';

/** Options of {@link runService}. */
export interface RunServiceOptions {
  /** What is listening, for the log line (e.g. 'cases subgraph'). */
  readonly name: string;
  readonly http: Server;
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  /** The path logged after the base URL. @default '/graphql' */
  readonly path?: string;
  /** More fields for the "listening" log line. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Releases the service's resources once the server has closed. */
  readonly onClose?: () => Promise<void>;
}

/** Listens and installs the signal handlers; resolves the base URL. */
export async function runService(options: RunServiceOptions): Promise<string> {
  const url = await listen(options.http, options.port, options.host);
  options.logger.info(
    { url: `${url}${options.path ?? '/graphql'}`, ...options.fields },
    `${options.name} listening`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    options.logger.info({ signal }, 'shutting down');
    await closeServer(options.http);
    await options.onClose?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return url;
}

/** Loads configuration, or prints every problem on one line each and exits non-zero. */
export function configOrExit<T>(service: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`${service}: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
