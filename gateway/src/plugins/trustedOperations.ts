/**
 * Trusted operations by id (DESIGN §3b): an id of the trusted manifest (sent as an APQ hash
 * without the document) stands for its document, so the client kit's persisted operations
 * need no APQ cache. The refusals (APQ before authentication, a hash that does not match,
 * operations outside the manifest) are the document guard's, before Apollo's pipeline.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { persistedHash } from '../documentGuard.js';
import type { TrustedOperations } from '../trustedOperations.js';

/** The plugin. */
export function trustedOperationsPlugin(
  trusted: TrustedOperations | null,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      if (!trusted || typeof request.query === 'string') return;
      const hash = persistedHash(request.extensions);
      const document = hash === null ? undefined : trusted.byHash.get(hash);
      if (document === undefined) return;
      const { persistedQuery: _id, ...rest } = request.extensions ?? {};
      request.query = document;
      request.extensions = rest;
    },
  };
}
