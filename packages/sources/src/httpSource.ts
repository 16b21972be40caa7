/**
 * The HTTP implementation of a CitizenSource (DESIGN §5): one batched POST per call to
 * `<baseUrl>/sources/<name>/citizens:batch` with `{"cprs": [...]}` in the body (a CPR never
 * goes into a URL), answered by `{"results": [...]}`, one result per CPR in order.
 *
 * Faults are contained here and leave as one error, SOURCE_UNAVAILABLE with a `reason`:
 * - timeout: `timeoutMs` bounds the whole call, retries included, so a slow source costs a
 *   request at most that long. An attempt that runs out of time is not retried (the budget
 *   is spent) → reason TIMEOUT.
 * - retries: connection failures (refused, reset, closed mid-body) and 500/502/503/504/429
 *   are retried up to `retries` times with exponential backoff and full jitter, while time
 *   remains. Safe because the call is an idempotent read.
 * - validation: a body that is not JSON, not `{"results": [...]}` with one result per CPR,
 *   or holds one record of the wrong shape fails the whole call → reason MALFORMED. Never
 *   retried (an upstream that answers nonsense keeps doing so) and never half-used.
 * - circuit breaker (opossum) around the whole call: after repeated failures it opens and
 *   calls fail fast (reason CIRCUIT_OPEN) without touching the source; after
 *   `resetTimeoutMs` one trial call goes through, and the breaker closes again when it
 *   succeeds. Its state is the `hoi_source_breaker_open` gauge.
 *
 * Every upstream status is SOURCE_UNAVAILABLE, 401/403/404 included: they concern this
 * service's own access to the upstream (or its configuration), not the caller, whose
 * access was decided by the consent subgraph.
 */
import CircuitBreaker from 'opossum';
import { createRequire } from 'node:module';
import type { Dispatcher, Pool as UndiciPool } from 'undici';
import type { CitizenSource, SourceDefinition } from './citizenSource.js';
import { sourceUnavailable } from '@hoi/domain';
import type { Logger, Metrics } from '@hoi/platform';
import { injectTraceHeaders, setActiveSpanAttributes, withSpan } from '@hoi/telemetry';
import { RecordShapeError } from './recordGuards.js';
import { classify, codeOf, SourceFailure } from './sourceFailure.js';

/** Circuit breaker tuning. */
export interface BreakerOptions {
  /** How long the breaker stays open before one trial call. @default 5000 */
  readonly resetTimeoutMs: number;
  /** Failure percentage (within the window) above which it opens. @default 50 */
  readonly errorThresholdPercentage: number;
  /** Calls within the window before it may open at all. @default 5 */
  readonly volumeThreshold: number;
  /** The rolling window of call statistics. @default 10000 */
  readonly windowMs: number;
}

/** Everything about an HTTP source except what it is (name, record shape). */
export interface HttpSourceSettings {
  /** Base URL of the upstream (or the simulator); the source appends `/sources/<name>/…`. */
  readonly baseUrl: string;
  /** The dispatcher to use instead of an own keep-alive Pool (tests pass a MockAgent). */
  readonly dispatcher?: Dispatcher;
  /** Longest a call may take, retries included. */
  readonly timeoutMs: number;
  /** Retries after the first attempt, for retryable failures. */
  readonly retries: number;
  /** Keep-alive connections of the own Pool. @default 16 */
  readonly connections?: number;
  /** Backoff before retry n: random(0, min(maxMs, baseMs·2ⁿ)). @default { baseMs: 25, maxMs: 500 } */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly breaker?: Partial<BreakerOptions>;
  /** Largest accepted response body. @default 16 MiB */
  readonly maxResponseBytes?: number;
  readonly metrics?: Metrics;
  readonly logger?: Logger;
}

/** Options of {@link createHttpCitizenSource}. */
export interface HttpSourceOptions<T> extends HttpSourceSettings {
  /** The source system's name: in the URL, errors, metrics and logs. */
  readonly name: string;
  /**
   * Checks one result and returns it as a record (built from checked fields only); throws a
   * RecordShapeError when it is not one. `cpr` is the citizen the result is for.
   */
  readonly validate: (json: unknown, cpr: string) => T;
}

/** An HTTP source: a CitizenSource with a readiness probe and resources to release. */
export interface HttpCitizenSource<T> extends CitizenSource<T> {
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** What {@link createHttpCitizenSource} makes: an HTTP source whose breaker can be watched. */
export interface BreakerGuardedSource<T> extends HttpCitizenSource<T> {
  /** The breaker's state, for tests and logs. */
  readonly breakerState: 'closed' | 'open' | 'halfOpen';
}

/** Default breaker tuning. */
export const DEFAULT_BREAKER: BreakerOptions = Object.freeze({
  resetTimeoutMs: 5_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  windowMs: 10_000,
});

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

async function readBody(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new SourceFailure('MALFORMED', false, `response body exceeds ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates an HTTP source. */
export function createHttpCitizenSource<T>(options: HttpSourceOptions<T>): BreakerGuardedSource<T> {
  const { name, validate, metrics, logger } = options;
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const batchUrl = new URL(`sources/${encodeURIComponent(name)}/citizens:batch`, base);
  const healthUrl = new URL(`sources/${encodeURIComponent(name)}/health`, base);
  const origin = base.origin;
  const ownPool = options.dispatcher
    ? null
    : // Loaded on first use: embedded mode never pays for undici (start-up time).
      new (createRequire(import.meta.url)('undici') as { Pool: typeof UndiciPool }).Pool(origin, {
        connections: options.connections ?? 16,
        keepAliveTimeout: 10_000,
        keepAliveMaxTimeout: 60_000,
        connect: { timeout: Math.min(options.timeoutMs, 10_000) },
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
  const dispatcher: Dispatcher = options.dispatcher ?? (ownPool as UndiciPool);
  const backoff = options.backoff ?? { baseMs: 25, maxMs: 500 };
  const maxBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;

  /** One attempt with `remainingMs` left; resolves the checked records. */
  const attempt = async (cprs: readonly string[], remainingMs: number): Promise<T[]> => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, remainingMs);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    // The call's span travels with the request (W3C traceparent), so the source can join it.
    injectTraceHeaders(headers);
    try {
      const res = await dispatcher.request({
        origin,
        path: batchUrl.pathname,
        method: 'POST',
        headers,
        body: JSON.stringify({ cprs }),
        signal: controller.signal,
        headersTimeout: remainingMs,
        bodyTimeout: remainingMs,
      });
      setActiveSpanAttributes({ 'http.response.status_code': res.statusCode });
      if (res.statusCode < 200 || res.statusCode >= 300) {
        await res.body.dump().catch(() => undefined);
        throw new SourceFailure(
          'HTTP_STATUS',
          RETRYABLE_STATUS.has(res.statusCode),
          `answered HTTP ${res.statusCode}`,
        );
      }
      const type = String(res.headers['content-type'] ?? '');
      if (!/\bjson\b/i.test(type)) {
        await res.body.dump().catch(() => undefined);
        throw new SourceFailure('MALFORMED', false, 'answered without a JSON content type');
      }
      const text = await readBody(res.body, maxBytes);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new SourceFailure('MALFORMED', false, 'answered a body that is not valid JSON', {
          cause: e,
        });
      }
      return decode(json, cprs);
    } catch (err) {
      throw classify(err, timedOut);
    } finally {
      clearTimeout(timer);
    }
  };

  /** Checks the envelope and every record; all or nothing. */
  const decode = (json: unknown, cprs: readonly string[]): T[] => {
    const results = (json as { results?: unknown } | null)?.results;
    if (typeof json !== 'object' || json === null || !Array.isArray(results)) {
      throw new SourceFailure('MALFORMED', false, 'answered without a "results" array');
    }
    if (results.length !== cprs.length) {
      throw new SourceFailure(
        'MALFORMED',
        false,
        `answered ${results.length} results for ${cprs.length} citizens`,
      );
    }
    try {
      return results.map((r: unknown, i) => validate(r, cprs[i] as string));
    } catch (e) {
      if (e instanceof RecordShapeError) {
        throw new SourceFailure(
          'MALFORMED',
          false,
          `answered a record of the wrong shape: ${e.message}`,
          { cause: e },
        );
      }
      throw e;
    }
  };

  /** One call: attempts with retries and backoff, within the time budget. */
  const call = async (cprs: readonly string[]): Promise<T[]> => {
    const deadline = Date.now() + options.timeoutMs;
    for (let n = 0; ; n++) {
      try {
        return await attempt(cprs, Math.max(1, deadline - Date.now()));
      } catch (err) {
        const failure = classify(err, false);
        const delay = Math.random() * Math.min(backoff.maxMs, backoff.baseMs * 2 ** n);
        if (!failure.retryable || n >= options.retries || Date.now() + delay >= deadline)
          throw failure;
        metrics?.sourceRetries.inc({ source: name, reason: failure.reason });
        await sleep(delay);
      }
    }
  };

  const tuning = { ...DEFAULT_BREAKER, ...options.breaker };
  const breaker = new CircuitBreaker<[readonly string[]], T[]>(call, {
    name,
    timeout: false, // `call` bounds itself (timeoutMs)
    resetTimeout: tuning.resetTimeoutMs,
    errorThresholdPercentage: tuning.errorThresholdPercentage,
    volumeThreshold: tuning.volumeThreshold,
    rollingCountTimeout: tuning.windowMs,
    rollingCountBuckets: 10,
  });
  metrics?.breakerState.set({ source: name }, 0);
  breaker.on('open', () => {
    metrics?.breakerState.set({ source: name }, 1);
    logger?.warn(
      { source: name, resetTimeoutMs: tuning.resetTimeoutMs },
      'source circuit breaker opened',
    );
  });
  breaker.on('halfOpen', () => {
    metrics?.breakerState.set({ source: name }, 0.5);
    logger?.info({ source: name }, 'source circuit breaker half-open: trying one call');
  });
  breaker.on('close', () => {
    metrics?.breakerState.set({ source: name }, 0);
    logger?.info({ source: name }, 'source circuit breaker closed');
  });

  return {
    name,
    get breakerState() {
      return breaker.opened ? 'open' : breaker.halfOpen ? 'halfOpen' : 'closed';
    },
    async fetchMany(cprs) {
      if (cprs.length === 0) return [];
      try {
        // One client span per call (retries included); it carries the source name and how
        // many citizens, never which (the CPRs travel in the body only).
        return await withSpan(
          `source.call ${name}`,
          { 'hoi.source': name, 'hoi.count': cprs.length },
          () => breaker.fire(cprs),
          { kind: 'client' },
        );
      } catch (err) {
        if (codeOf(err) === 'EOPENBREAKER') throw sourceUnavailable(name, err, 'CIRCUIT_OPEN');
        const failure = classify(err, false);
        logger?.warn(
          { source: name, reason: failure.reason, err: failure.message },
          'source call failed',
        );
        throw sourceUnavailable(name, failure, failure.reason);
      }
    },
    async ready() {
      const budget = Math.min(options.timeoutMs, 1_000);
      try {
        const res = await dispatcher.request({
          origin,
          path: healthUrl.pathname,
          method: 'GET',
          signal: AbortSignal.timeout(budget),
          headersTimeout: budget,
          bodyTimeout: budget,
        });
        await res.body.dump().catch(() => undefined);
        return res.statusCode >= 200 && res.statusCode < 300;
      } catch {
        return false;
      }
    },
    async close() {
      breaker.shutdown();
      await ownPool?.close();
    },
  };
}

/** The HTTP implementation of a source (SOURCE_MODE=http): its wire contract over undici. */
export function httpSource<T>(
  definition: SourceDefinition<T>,
  settings: HttpSourceSettings,
): BreakerGuardedSource<T> {
  return createHttpCitizenSource<T>({
    ...settings,
    name: definition.name,
    validate: definition.validate,
  });
}
