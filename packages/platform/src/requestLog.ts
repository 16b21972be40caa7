/**
 * One structured log line per GraphQL request, carrying the request id that the gateway
 * generates (or takes from a valid `x-request-id`) and forwards to the subgraphs, so a
 * request can be followed through every process. Never logs variables (they hold CPRs).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger.js';

/** Options of {@link requestLogPlugin}. */
export interface RequestLogOptions<T extends BaseContext> {
  readonly logger: Logger;
  /** The level of the line. @default 'info' */
  readonly level?: 'info' | 'debug';
  readonly requestId: (context: T) => string | undefined;
}

/** Logs each request's id, operation, duration and error codes when its response is sent. */
export function requestLogPlugin<T extends BaseContext>(
  options: RequestLogOptions<T>,
): ApolloServerPlugin<T> {
  const level = options.level ?? 'info';
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName }) {
          if (!options.logger.isLevelEnabled(level)) return;
          const errors =
            response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          options.logger[level](
            {
              requestId: options.requestId(contextValue),
              operation: (operationName ?? 'anonymous').slice(0, 64),
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              ...(errors.length > 0
                ? { errors: errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')) }
                : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
