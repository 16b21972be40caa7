/**
 * The error codes of the API (`extensions.code`): the client contract end to end. Every
 * GraphQLError of the system is built here.
 */
import { GraphQLError } from 'graphql';

/** Stable error codes. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'VERSION_CONFLICT',
  'SERVICE_UNAVAILABLE',
  'SOURCE_UNAVAILABLE',
  'SOURCE_TIMEOUT',
  'BAD_REQUEST',
  'OPERATION_LIMIT_EXCEEDED',
  'RATE_LIMITED',
  'OPERATION_NOT_ALLOWED',
  'INTERNAL_SERVER_ERROR',
] as const;

/** One stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** True when the value is one of our codes (or a code Apollo uses for request errors). */
export function isKnownCode(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    ((ERROR_CODES as readonly string[]).includes(code) ||
      code === 'GRAPHQL_PARSE_FAILED' ||
      code === 'GRAPHQL_VALIDATION_FAILED' ||
      code === 'PERSISTED_QUERY_NOT_FOUND' ||
      code === 'PERSISTED_QUERY_NOT_SUPPORTED' ||
      code === 'OPERATION_RESOLUTION_FAILURE' ||
      code === 'BAD_REQUEST')
  );
}

function error(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  cause?: unknown,
) {
  return new GraphQLError(message, {
    extensions: { code, ...extra },
    ...(cause instanceof Error ? { originalError: cause } : {}),
  });
}

/** Malformed input; the message says what was expected and what arrived. */
export const badUserInput = (message: string, extra?: Record<string, unknown>) =>
  error('BAD_USER_INPUT', message, extra);

/** No, or no valid, credentials. */
export const unauthenticated = (message = 'A valid bearer token is required') =>
  error('UNAUTHENTICATED', message, { http: { status: 401 } });

/** Valid credentials that may not do this. */
export const forbidden = (message: string, extra?: Record<string, unknown>) =>
  error('FORBIDDEN', message, extra);

/** A required entity does not exist. */
export const notFound = (message: string) => error('NOT_FOUND', message);

/** The entity to be created exists already (one HOI plan per citizen). */
export const alreadyExists = (message: string) => error('ALREADY_EXISTS', message);

/** The state of things does not allow this now (no active consent, a closed plan). */
export const failedPrecondition = (message: string) => error('FAILED_PRECONDITION', message);

/** Optimistic concurrency: `expectedVersion` is not the current version; nothing was written. */
export const versionConflict = (expected: number, actual: number) =>
  error(
    'VERSION_CONFLICT',
    `The plan is at version ${actual}, not ${expected}: read it again and retry`,
    { expectedVersion: expected, actualVersion: actual },
  );

/** A service this request needs is not reachable; nothing was done. Retry later. */
export const serviceUnavailable = (service: string) =>
  error('SERVICE_UNAVAILABLE', `The ${service} service is unavailable; nothing was done`, {
    service,
  });

/**
 * Why a source call failed (`extensions.reason` of SOURCE_UNAVAILABLE): no answer within the
 * timeout, an HTTP error status, a connection failure (refused, reset), a malformed or wrongly
 * shaped body, or a circuit breaker that is open after repeated failures.
 */
export type SourceFailureReason =
  'TIMEOUT' | 'HTTP_STATUS' | 'CONNECTION' | 'MALFORMED' | 'CIRCUIT_OPEN';

const REASON_TEXT: Record<SourceFailureReason, string> = {
  TIMEOUT: 'did not answer in time',
  HTTP_STATUS: 'answered with an error status',
  CONNECTION: 'could not be reached',
  MALFORMED: 'answered with a malformed response',
  CIRCUIT_OPEN: 'is failing; calls are suspended for a moment',
};

/**
 * A source system failed or answered nonsense. Every source failure, timeouts included, is
 * this one code, so clients handle "this part of the answer is missing" in one place;
 * `extensions.reason` says why.
 */
export const sourceUnavailable = (source: string, cause?: unknown, reason?: SourceFailureReason) =>
  error(
    'SOURCE_UNAVAILABLE',
    reason
      ? `Source ${source} is unavailable: it ${REASON_TEXT[reason]}`
      : `Source ${source} is unavailable`,
    reason ? { source, reason } : { source },
    cause,
  );

/** A source system did not answer in time. */
export const sourceTimeout = (source: string, cause?: unknown) =>
  error('SOURCE_TIMEOUT', `Source ${source} did not answer in time`, { source }, cause);

/** A request the server cannot take as sent (e.g. an APQ hash that does not match its query). */
export const badRequest = (message: string) =>
  error('BAD_REQUEST', message, { http: { status: 400 } });

/** The operation limits of DESIGN §3b, named in `extensions.limit`. */
export type OperationLimit = 'depth' | 'aliases' | 'rootFields' | 'cost' | 'tokens';

/** An operation beyond one of the limits; nothing was run. */
export const operationLimitExceeded = (limit: OperationLimit, max: number, message: string) =>
  error('OPERATION_LIMIT_EXCEEDED', message, { limit, max, http: { status: 400 } });

/** Too many requests of one caller; `retryAfterSeconds` says when to try again. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  error('RATE_LIMITED', message, { retryAfterSeconds });

/** An operation outside the trusted operations (TRUSTED_OPERATIONS=required). */
export const operationNotAllowed = (message: string) =>
  error('OPERATION_NOT_ALLOWED', message, { http: { status: 403 } });

/** Anything unexpected: the message is generic, the cause is logged. */
export const internalError = () => error('INTERNAL_SERVER_ERROR', 'Internal server error');
