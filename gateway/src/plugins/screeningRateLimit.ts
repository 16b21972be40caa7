/**
 * Screening pages are bounded per principal on their own, lower than requests (DESIGN §3b):
 * each `screening` field of an operation is a page (aliases make more), counted before
 * anything runs; a request with more pages than the limit allows in a second is refused
 * whole.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { RateLimiter } from '../rateLimits.js';
import { rateLimitError } from '../requestGate.js';

/** The root fields named `name`, through fragments (each fragment once). */
export function countRootField(
  set: SelectionSetNode,
  name: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): number {
  let count = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) count += s.name.value === name ? 1 : 0;
    else if (s.kind === Kind.INLINE_FRAGMENT)
      count += countRootField(s.selectionSet, name, fragments, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      if (fragment) count += countRootField(fragment.selectionSet, name, fragments, seen);
    }
  }
  return count;
}

/** The plugin. */
export function screeningRateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          const principal = contextValue.principal;
          if (!principal || operation?.operation !== 'query') return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions)
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          const pages = countRootField(operation.selectionSet, 'screening', fragments);
          if (pages === 0) return;
          const refusal = await limiter.consume('screening', principal.sub, pages);
          if (refusal) throw rateLimitError(refusal, 'screening pages of this principal');
        },
      };
    },
  };
}
