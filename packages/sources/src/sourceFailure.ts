/**
 * How a failed source call is classified (DESIGN §5): by the error's `code`, never by its class
 * (undici's classes differ between its copies), into the reasons of SOURCE_UNAVAILABLE. Shared
 * by the per-citizen client (httpSource.ts) and the bulk export reader (httpExport.ts).
 */
import type { SourceFailureReason } from '@hoi/domain';

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const CONNECTION_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** One failed attempt, classified. */
export class SourceFailure extends Error {
  override readonly name = 'SourceFailure';
  constructor(
    readonly reason: Exclude<SourceFailureReason, 'CIRCUIT_OPEN'>,
    readonly retryable: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The first `code` along an error's `cause` chain (undici nests them). */
export function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Classifies a thrown undici/network error by its `code` (never by class). */
export function classify(err: unknown, timedOut: boolean): SourceFailure {
  if (err instanceof SourceFailure) return err;
  if (timedOut)
    return new SourceFailure('TIMEOUT', false, 'no answer within the time budget', { cause: err });
  const code = codeOf(err);
  if (code && TIMEOUT_CODES.has(code))
    return new SourceFailure('TIMEOUT', false, `timed out (${code})`, { cause: err });
  if (code && CONNECTION_CODES.has(code))
    return new SourceFailure('CONNECTION', true, `connection failed (${code})`, { cause: err });
  return new SourceFailure('CONNECTION', false, `request failed (${code ?? 'unknown error'})`, {
    cause: err,
  });
}
