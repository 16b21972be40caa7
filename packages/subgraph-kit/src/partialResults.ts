/**
 * Partial results when a source fails (issue 5): the field answers its empty value (`[]`
 * for a list, null for an object) and the response carries a SOURCE_UNAVAILABLE error with
 * the source name and the field's path, while every other field is answered as usual.
 *
 * GraphQL can return a value or an error for a field, not both; and throwing from a
 * non-null field (`cases: [Case!]!`) would null the whole Citizen, losing the other
 * subgraphs' data. So the resolver answers the empty value and records the error here, per
 * request (a WeakMap keyed by the request's context), and the plugin appends the recorded
 * errors to the response. The gateway maps their `_entities` paths to the client's paths.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  locatedError,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
} from 'graphql';
import type { Logger, Metrics } from '@hoi/platform';

const recorded = new WeakMap<object, GraphQLError[]>();

/** True for the errors of a failing source (the only ones that degrade to partial results). */
export function isSourceError(err: unknown): err is GraphQLError {
  const code = err instanceof GraphQLError ? err.extensions.code : undefined;
  return code === 'SOURCE_UNAVAILABLE' || code === 'SOURCE_TIMEOUT';
}

/** Records a source error at the path of the field being resolved. */
export function recordPartialError(
  context: object,
  info: GraphQLResolveInfo,
  err: GraphQLError,
): void {
  const located = locatedError(err, info.fieldNodes, pathOf(info.path));
  const list = recorded.get(context);
  if (list) list.push(located);
  else recorded.set(context, [located]);
}

function pathOf(path: GraphQLResolveInfo['path'] | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (let p = path; p; p = p.prev) out.unshift(p.key);
  return out;
}

/**
 * Resolves `load()`; when it fails because a source is unavailable, records the error at
 * this field's path and resolves `empty` instead. Any other error is thrown as usual.
 */
export async function orEmptyOnSourceFailure<T>(
  context: object,
  info: GraphQLResolveInfo,
  empty: T,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (!isSourceError(err)) throw err;
    recordPartialError(context, info, err);
    return empty;
  }
}

/** Options of {@link partialResultsPlugin}. */
export interface PartialResultsOptions<T extends BaseContext> {
  /** The server's formatError, applied to the appended errors like to any other. */
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly metrics?: Metrics;
  readonly logger?: Logger;
  /** The request id, for the log line. */
  readonly requestId?: (context: T) => string | undefined;
}

/** Appends the recorded source errors to the response (and counts and logs them). */
export function partialResultsPlugin<T extends BaseContext>(
  options: PartialResultsOptions<T>,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const errors = recorded.get(contextValue);
          if (!errors || errors.length === 0 || response.body.kind !== 'single') return;
          recorded.delete(contextValue);
          const result = response.body.singleResult;
          result.errors = [
            ...(result.errors ?? []),
            ...errors.map((e) => options.formatError(e.toJSON(), e)),
          ];
          const sources = [...new Set(errors.map((e) => String(e.extensions.source)))];
          for (const e of errors) options.metrics?.errors.inc({ code: String(e.extensions.code) });
          options.logger?.warn(
            { requestId: options.requestId?.(contextValue), sources, fields: errors.length },
            'answered partially: a source is unavailable',
          );
        },
      };
    },
  };
}
