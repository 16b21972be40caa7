/** The one formatError of every server, the gateway's and each subgraph's. */
import type { GraphQLFormattedError } from 'graphql';
import { internalError, isKnownCode } from '@hoi/domain';
import type { Logger } from './logger.js';

/**
 * formatError for every server: known codes pass through; anything else becomes a generic
 * INTERNAL_SERVER_ERROR and the original is logged (without personal data).
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    // Apollo labels every unexpected error INTERNAL_SERVER_ERROR but keeps its message: hide it.
    if (code !== 'INTERNAL_SERVER_ERROR' && isKnownCode(code)) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: error }, 'unexpected error');
    const generic = internalError();
    const serviceName = formatted.extensions?.serviceName;
    return {
      message: generic.message,
      path: formatted.path,
      extensions: { ...generic.extensions, ...(serviceName ? { serviceName } : {}) },
    };
  };
}
