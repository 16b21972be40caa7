/**
 * What every request passes before Apollo parses anything (DESIGN §3b, §4): the gateway must
 * be ready (every subgraph up once), the caller authenticated (or, in development, anonymous),
 * and within its rate limit: per principal, or per client address for requests without a
 * valid token (bad tokens count against the address, so guessing tokens is limited too).
 * Also the request id: the client's when well-formed, with CPR-like digits masked (it is
 * forwarded to the subgraphs and stored in the audit log), else a fresh UUID.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { rateLimited, serviceUnavailable, unauthenticated, type Principal } from '@hoi/domain';
import { maskCpr } from '@hoi/platform';
import type { Authenticate } from './auth.js';
import type { RateLimiter, RateLimitRefusal } from './rateLimits.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * A fresh request id that the log mask leaves as it is (a random UUID rarely holds a run of
 * digits shaped like a CPR; such a one is drawn again), so logs and audit rows carry it whole.
 */
export function freshRequestId(): string {
  for (;;) {
    const id = randomUUID();
    if (maskCpr(id) === id) return id;
  }
}

/** The request id of a request: the client's (CPR-like digits masked) or a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? maskCpr(given) : freshRequestId();
}

/** Sets the HTTP status (and headers) Apollo answers an error with. */
export function withHttp<E extends GraphQLError>(
  error: E,
  status: number,
  headers: Readonly<Record<string, string>> = {},
): E {
  (error.extensions as Record<string, unknown>).http = {
    status,
    headers: new HeaderMap(Object.entries(headers)),
  };
  return error;
}

/** RATE_LIMITED, HTTP 429 with `retry-after`. */
export function rateLimitError(refusal: RateLimitRefusal, what: string): GraphQLError {
  return withHttp(
    rateLimited(
      `Too many ${what}: at most ${refusal.limit} per second; retry in ${refusal.retryAfterSeconds} s`,
      refusal.retryAfterSeconds,
    ),
    429,
    { 'retry-after': String(refusal.retryAfterSeconds) },
  );
}

/** Whether every subgraph is up; single-flight, remembered once true. */
export interface ReadinessGate {
  /** Resolves when the gateway is ready; throws SERVICE_UNAVAILABLE (HTTP 503) before. */
  check(): Promise<void>;
}

/**
 * Creates the gate over a probe (every subgraph answers). Until the probe has once said yes,
 * each request waits for one probe in flight (or refuses at once within `retryMs` of a failed
 * one); afterwards it costs nothing. Later outages make answers partial, not refused (/ready
 * reports them).
 */
export function createReadinessGate(probe: () => Promise<boolean>, retryMs = 250): ReadinessGate {
  let ready = false;
  let inFlight: Promise<boolean> | null = null;
  let failedAt = -Infinity;
  const notReady = () => withHttp(serviceUnavailable('gateway'), 503, { 'retry-after': String(1) });
  return {
    async check() {
      if (ready) return;
      if (!inFlight && performance.now() - failedAt < retryMs) throw notReady();
      inFlight ??= probe()
        .catch(() => false)
        .then((ok) => {
          ready ||= ok;
          if (!ok) failedAt = performance.now();
          inFlight = null;
          return ok;
        });
      if (!(await inFlight)) throw notReady();
    },
  };
}

/** What the gate admits a request with. */
export interface Admitted {
  readonly principal: Principal | null;
  readonly requestId: string;
}

/** Options of {@link createRequestGate}. */
export interface RequestGateOptions {
  readonly authenticate: Authenticate;
  readonly limiter: RateLimiter;
  readonly readiness: ReadinessGate;
  /** Production: every request needs a valid token. */
  readonly production: boolean;
}

/** Creates the per-request admission (called while Apollo builds the context). */
export function createRequestGate(options: RequestGateOptions) {
  const limitAddress = async (req: IncomingMessage) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const refusal = await options.limiter.consume('address', address);
    if (refusal) throw rateLimitError(refusal, 'requests without a valid token from this address');
  };
  return async function admit(req: IncomingMessage): Promise<Admitted> {
    await options.readiness.check();
    let principal: Principal | null;
    try {
      principal = await options.authenticate(req.headers.authorization);
    } catch (e) {
      await limitAddress(req);
      throw e;
    }
    if (!principal) {
      await limitAddress(req);
      if (options.production) throw unauthenticated();
    } else {
      const refusal = await options.limiter.consume('principal', principal.sub);
      if (refusal) throw rateLimitError(refusal, 'requests of this principal');
    }
    return { principal, requestId: requestIdOf(req) };
  };
}
