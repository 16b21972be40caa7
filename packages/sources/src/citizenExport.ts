/**
 * A source's bulk export (issue 16): every citizen the source holds, in one streamed answer,
 * for readers that need the whole register (the screening projection) rather than some
 * citizens. Reading a million citizens through per-citizen batches costs thousands of calls
 * in series, each paying the source's latency; one stream per source pays it once.
 *
 * Wire contract: `GET <baseUrl>/sources/<name>/citizens:export` answers
 * `application/x-ndjson`, one JSON object per line (no CPR in the URL, as for batches):
 *
 *     {"cpr":"DDMMYY-SSSS","result":<the citizen's result, as a batch answer holds it>}
 *     …
 *     {"end":true,"citizens":N}
 *
 * The last line says how many citizen lines came before it: a stream without it, or with
 * another count, was cut short and is refused whole (a projection built from half a
 * register would silently leave citizens out). Citizens come in the source's own order; a
 * reader joining several sources must not assume they share one.
 *
 * The reader applies the per-citizen client's checks (every record validated, a wrong shape
 * fails the whole read, failures classified into SOURCE_UNAVAILABLE reasons), but not its
 * retries or circuit breaker: an export is one long call that its caller schedules and
 * retries itself (the projection's refresher backs off). The time budget (`timeoutMs`)
 * bounds the wait for the answer to start and every pause within it, not the whole stream.
 */
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type { Dispatcher, Pool as UndiciPool } from 'undici';
import { isValidCpr, sourceUnavailable } from '@hoi/domain';
import type { SourceDefinition } from './citizenSource.js';
import type { HttpSourceSettings } from './httpSource.js';
import { RecordShapeError } from './recordGuards.js';
import { classify, SourceFailure } from './sourceFailure.js';

/** The path of a source's export, below the base URL. */
export function citizenExportPath(source: string): string {
  return `sources/${encodeURIComponent(source)}/citizens:export`;
}

/** One citizen's line of an export (with its newline). */
export function exportLine(cpr: string, result: unknown): string {
  return `${JSON.stringify({ cpr, result })}\n`;
}

/** The last line of an export: how many citizen lines came before it. */
export function exportEndLine(citizens: number): string {
  return `${JSON.stringify({ end: true, citizens })}\n`;
}

/** A source's export, read whole. */
export interface CitizenExport<T> {
  /** The source system's name. */
  readonly name: string;
  /**
   * Streams the whole export, calling `each` once per citizen with its checked record, and
   * resolves how many citizens there were. Rejects with SOURCE_UNAVAILABLE (with a
   * `reason`) when the source fails, answers a wrong shape or the stream is cut short:
   * records handed to `each` before then must be thrown away.
   */
  read(each: (cpr: string, record: T) => void, options?: { signal?: AbortSignal }): Promise<number>;
  /** Releases the connection pool. */
  close(): Promise<void>;
}

/** Longest line accepted: one citizen's records are a few KiB. */
const MAX_LINE_CHARS = 1_048_576;

/** The export of `definition`'s source over HTTP. */
export function httpExport<T>(
  definition: SourceDefinition<T>,
  settings: HttpSourceSettings,
): CitizenExport<T> {
  const { name, validate } = definition;
  const base = new URL(settings.baseUrl.endsWith('/') ? settings.baseUrl : `${settings.baseUrl}/`);
  const url = new URL(citizenExportPath(name), base);
  const ownPool = settings.dispatcher
    ? null
    : new (createRequire(import.meta.url)('undici') as { Pool: typeof UndiciPool }).Pool(
        base.origin,
        { connections: 1, connect: { timeout: Math.min(settings.timeoutMs, 10_000) } },
      );
  const dispatcher: Dispatcher = settings.dispatcher ?? (ownPool as UndiciPool);

  const stream = async (
    each: (cpr: string, record: T) => void,
    signal: AbortSignal | undefined,
  ): Promise<number> => {
    const res = await dispatcher.request({
      origin: base.origin,
      path: url.pathname,
      method: 'GET',
      headers: { accept: 'application/x-ndjson' },
      signal,
      // Each bounds a wait, not the stream: until the answer starts, and between chunks.
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
    });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump().catch(() => undefined);
      throw new SourceFailure('HTTP_STATUS', false, `answered HTTP ${res.statusCode}`);
    }
    const type = String(res.headers['content-type'] ?? '');
    if (!/\b(?:nd)?json\b/i.test(type)) {
      await res.body.dump().catch(() => undefined);
      throw new SourceFailure('MALFORMED', false, 'answered without a JSON content type');
    }
    let citizens = 0;
    let ended = false;
    const line = (text: string): void => {
      if (ended) throw malformed('went on after its end line');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw malformed('answered a line that is not valid JSON', e);
      }
      const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
      if (o.end === true) {
        if (o.citizens !== citizens)
          throw malformed(
            `ended after ${citizens} citizens, but its end line says ${String(o.citizens)}`,
          );
        ended = true;
        return;
      }
      if (typeof o.cpr !== 'string' || !isValidCpr(o.cpr))
        throw malformed(`line ${citizens + 1} has no well-formed "cpr"`);
      let record: T;
      try {
        record = validate(o.result, o.cpr);
      } catch (e) {
        if (e instanceof RecordShapeError)
          throw malformed(`answered a record of the wrong shape: ${e.message}`, e);
        throw e;
      }
      citizens += 1;
      each(o.cpr, record);
    };
    const decoder = new StringDecoder('utf8');
    let rest = '';
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        const text = rest + decoder.write(chunk);
        let from = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
          if (nl > from) line(text.slice(from, nl));
          from = nl + 1;
        }
        rest = text.slice(from);
        if (rest.length > MAX_LINE_CHARS)
          throw malformed(`answered a line longer than ${MAX_LINE_CHARS} characters`);
      }
    } catch (err) {
      res.body.destroy();
      throw err;
    }
    rest += decoder.end();
    if (rest.length > 0) line(rest);
    if (!ended) throw malformed(`stopped after ${citizens} citizens without its end line`);
    return citizens;
  };

  return {
    name,
    async read(each, options = {}) {
      try {
        return await stream(each, options.signal);
      } catch (err) {
        if (options.signal?.aborted) throw err;
        const failure = classify(err, false);
        settings.logger?.warn(
          { source: name, reason: failure.reason, err: failure.message },
          'source export failed',
        );
        throw sourceUnavailable(name, failure, failure.reason);
      }
    },
    async close() {
      await ownPool?.close();
    },
  };
}

function malformed(message: string, cause?: unknown): SourceFailure {
  return new SourceFailure('MALFORMED', false, `export ${message}`, { cause });
}
