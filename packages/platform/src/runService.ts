/**
 * The side-effectful start of a process (called only from an `index.ts`): listen, log, and
 * shut down gracefully on SIGTERM/SIGINT (DESIGN §7, issue 14):
 *
 * 1. `/ready` answers 503 at once, and every answer closes its connection, so load balancers
 *    and keep-alive clients (the gateway's pools) move to other instances;
 * 2. for `SHUTDOWN_DRAIN_MS` the service keeps serving whatever still arrives (a balancer
 *    needs a few seconds to notice);
 * 3. the listener closes, in-flight requests finish, `onClose` releases the rest, exit 0;
 * 4. if that has not happened `SHUTDOWN_TIMEOUT_MS` after the drain, the process exits
 *    anyway with code 1 (an orchestrator would SIGKILL it soon after; this way the log says
 *    why).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ConfigError, type EnvReader } from './env.js';
import { closeServer, listen, sendJson } from './httpServer.js';
import type { Logger } from './logger.js';

/** How a service shuts down. */
export interface ShutdownConfig {
  /**
   * `SHUTDOWN_DRAIN_MS`: after SIGTERM, how long `/ready` answers 503 while requests are still
   * served, before the listener closes. Longer than a load balancer takes to notice (its
   * probe period times its failure threshold, or the orchestrator's endpoint propagation).
   * @default 0; 5000 in production
   */
  readonly drainMs: number;
  /**
   * `SHUTDOWN_TIMEOUT_MS`: after the drain, how long in-flight requests and releasing the
   * service's resources may take before the process exits anyway, with code 1.
   * @default 10000
   */
  readonly timeoutMs: number;
}

/** The shutdown defaults (development; production drains for {@link PRODUCTION_DRAIN_MS}). */
export const DEFAULT_SHUTDOWN: ShutdownConfig = Object.freeze({ drainMs: 0, timeoutMs: 10_000 });

/** The drain in production: a few probe periods of a load balancer. */
export const PRODUCTION_DRAIN_MS = 5_000;

/** Reads `SHUTDOWN_DRAIN_MS` and `SHUTDOWN_TIMEOUT_MS`. */
export function readShutdownConfig(r: EnvReader, production: boolean): ShutdownConfig {
  return Object.freeze({
    drainMs: r.int(
      'SHUTDOWN_DRAIN_MS',
      production ? PRODUCTION_DRAIN_MS : DEFAULT_SHUTDOWN.drainMs,
      0,
      600_000,
    ),
    timeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN.timeoutMs, 1, 600_000),
  });
}

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
  /** The drain and the deadline. @default DEFAULT_SHUTDOWN */
  readonly shutdown?: ShutdownConfig;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts a gate in front of the server's request handler: once draining, `GET /ready` answers
 * 503 and every answer closes its connection. Here rather than in each server, so every
 * service (gateway and subgraphs alike) drains the same way without its routes knowing.
 */
function drainGate(http: Server): { start(): void } {
  const handlers = http.listeners('request') as RequestListener[];
  http.removeAllListeners('request');
  let draining = false;
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (draining) {
      res.setHeader('connection', 'close');
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method === 'GET' && path === '/ready') {
        return sendJson(res, 503, { ready: false, shuttingDown: true });
      }
    }
    for (const handler of handlers) handler.call(http, req, res);
  });
  return { start: () => void (draining = true) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Listens and installs the signal handlers; resolves the base URL. */
export async function runService(options: RunServiceOptions): Promise<string> {
  const { drainMs, timeoutMs } = options.shutdown ?? DEFAULT_SHUTDOWN;
  const { logger } = options;
  const gate = drainGate(options.http);
  const url = await listen(options.http, options.port, options.host);
  logger.info(
    { url: `${url}${options.path ?? '/graphql'}`, ...options.fields },
    `${options.name} listening`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return void logger.info({ signal }, 'already shutting down');
    closing = true;
    gate.start();
    logger.info({ signal, drainMs, timeoutMs }, 'shutting down');
    if (drainMs > 0) await sleep(drainMs);
    // Referenced on purpose: it must fire even when whatever hangs keeps nothing else alive.
    const deadline = setTimeout(() => {
      logger.error(
        { timeoutMs },
        'shutdown deadline passed with requests or resources still open; exiting',
      );
      process.exit(1);
    }, timeoutMs);
    logger.info('draining done: closing the listener, finishing in-flight requests');
    try {
      await closeServer(options.http);
      await options.onClose?.();
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    clearTimeout(deadline);
    logger.info('stopped');
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
