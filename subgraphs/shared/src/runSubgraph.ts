/**
 * The side-effectful start of a subgraph process (called only from each `index.ts`): listen,
 * log, and shut down gracefully on SIGTERM/SIGINT (in-flight requests finish first).
 */
import type { Server } from 'node:http';
import { ConfigError } from './env.js';
import { closeServer, listen } from './httpServer.js';
import type { Logger } from './logger.js';

/** Listens and installs signal handlers; `onClose` releases the subgraph's resources. */
export async function runSubgraph(options: {
  readonly name: string;
  readonly http: Server;
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  readonly onClose?: () => Promise<void>;
}): Promise<void> {
  const url = await listen(options.http, options.port, options.host);
  options.logger.info({ url: `${url}/graphql` }, `${options.name} subgraph listening`);
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
