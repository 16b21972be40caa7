/**
 * Screening pages are bounded per principal on their own, lower than requests (DESIGN §3b):
 * each `screening` field of an operation is a page (aliases make more) that lists, and audits,
 * up to its `first` citizens; the rows are counted before anything runs, and a request with
 * more rows than the limit allows in a second is refused whole.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from '../context.js';
import type { RateLimiter } from '../rateLimits.js';
import { rateLimitError } from '../requestGate.js';

/** The root fields named `name`, through fragments (each fragment once). */
export function rootFieldsNamed(
  set: SelectionSetNode,
  name: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): FieldNode[] {
  const found: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value === name) found.push(s);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      found.push(...rootFieldsNamed(s.selectionSet, name, fragments, seen));
    } else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      if (fragment) found.push(...rootFieldsNamed(fragment.selectionSet, name, fragments, seen));
    }
  }
  return found;
}

/** The rows the `screening` fields ask for: their `first` (with its default), at least 1 each. */
export function screeningRows(
  schema: GraphQLSchema,
  fields: readonly FieldNode[],
  variables: Record<string, unknown> | undefined,
): number {
  const definition = schema.getQueryType()?.getFields().screening;
  if (!definition) return fields.length;
  let rows = 0;
  for (const field of fields) {
    let first: unknown;
    try {
      first = getArgumentValues(definition, field, variables ?? {}).first;
    } catch {
      first = undefined; // execution refuses the arguments before anything runs
    }
    rows += typeof first === 'number' && first > 1 ? first : 1;
  }
  return rows;
}

/** The plugin. */
export function screeningRateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, schema, request }) {
          const principal = contextValue.principal;
          if (!principal || operation?.operation !== 'query') return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions)
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          const pages = rootFieldsNamed(operation.selectionSet, 'screening', fragments);
          if (pages.length === 0) return;
          const rows = screeningRows(schema, pages, request.variables);
          const refusal = await limiter.consume('screening', principal.sub, rows);
          if (refusal) throw rateLimitError(refusal, 'screening rows of this principal');
        },
      };
    },
  };
}
