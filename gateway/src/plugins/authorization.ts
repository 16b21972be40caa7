/**
 * Operations that read citizen data need an authenticated principal (DESIGN §4). In
 * development, an operation that selects only introspection and __typename at its root needs
 * no token; in production, every request needs one (enforced when the context is built).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { unauthenticated } from '@hoi/domain';
import { maskCpr } from '@hoi/platform';
import type { GatewayContext } from '../context.js';

const META_FIELDS = new Set(['__schema', '__type', '__typename']);

function onlyMetaFields(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): boolean {
  return set.selections.every((s) => {
    if (s.kind === Kind.FIELD) return META_FIELDS.has(s.name.value);
    if (s.kind === Kind.INLINE_FRAGMENT) return onlyMetaFields(s.selectionSet, fragments, seen);
    const name = s.name.value;
    if (seen.has(name)) return true;
    seen.add(name);
    const fragment = fragments[name];
    return fragment ? onlyMetaFields(fragment.selectionSet, fragments, seen) : true;
  });
}

/** True when the operation reads nothing but schema metadata. */
export function readsOnlyMetadata(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  return operation.operation === 'query' && onlyMetaFields(operation.selectionSet, fragments);
}

/** The plugin; also records the operation name for the access context and the audit log. */
export function authorizationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, operationName }) {
          // Forwarded in the access context and stored in the audit log: no CPR in clear.
          contextValue.operationName = operationName ? maskCpr(operationName) : null;
          if (contextValue.principal) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions)
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          if (!operation || !readsOnlyMetadata(operation, fragments)) throw unauthenticated();
        },
      };
    },
  };
}
