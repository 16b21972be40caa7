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
  'SOURCE_UNAVAILABLE',
  'SOURCE_TIMEOUT',
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

function error(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, cause?: unknown) {
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
export const forbidden = (message: string) => error('FORBIDDEN', message);

/** A required entity does not exist. */
export const notFound = (message: string) => error('NOT_FOUND', message);

/** A source system failed or answered nonsense. */
export const sourceUnavailable = (source: string, cause?: unknown) =>
  error('SOURCE_UNAVAILABLE', `Source ${source} is unavailable`, { source }, cause);

/** A source system did not answer in time. */
export const sourceTimeout = (source: string, cause?: unknown) =>
  error('SOURCE_TIMEOUT', `Source ${source} did not answer in time`, { source }, cause);

/** Anything unexpected: the message is generic, the cause is logged. */
export const internalError = () => error('INTERNAL_SERVER_ERROR', 'Internal server error');
