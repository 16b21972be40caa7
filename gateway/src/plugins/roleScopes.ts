/**
 * The scopes of the roles that see no area of anybody. Each may select nothing but:
 *
 * - **screener** (issue 7; domain.md §6 rule 2): screening rests on a statutory basis, before
 *   any consent, covering the screening list and a citizen's HOI eligibility only:
 *   `query { screening(…) { … }  citizen(cpr: …) { cpr hoiEligibility { … } } }`
 * - **auditor** (DESIGN §3a, the data protection officer): any citizen's access log and
 *   nothing else of theirs: `query { citizen(cpr: …) { cpr accessLog(…) { … } } }` (or
 *   `citizens`).
 *
 * (plus `__typename` anywhere and introspection at the root). Anything else, however it is
 * reached (aliases, inline fragments, named fragments), answers FORBIDDEN before any
 * subgraph is asked. The subgraphs check again on their own (neither role sees an area, the
 * consent subgraph refuses both consent data and writes, only these read access logs).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { forbidden } from '@hoi/domain';
import type { GatewayContext } from '../context.js';

/** What may be selected below a field: everything, or only the listed fields. */
type Scope = 'ANY' | ReadonlyMap<string, Scope>;

const scope = (fields: Record<string, Scope>): Scope => new Map(Object.entries(fields));

/** A role's scope per operation type; null: no operation of that type at all. */
type RoleScope = Readonly<Record<OperationDefinitionNode['operation'], Scope | null>>;

const AUDIT_CITIZEN = scope({ cpr: 'ANY', accessLog: 'ANY' });

/** The roles with a scope, and what each may say when refused. */
const ROLE_SCOPES: Readonly<Record<string, { scope: RoleScope; may: string }>> = {
  screener: {
    scope: {
      query: scope({ screening: 'ANY', citizen: scope({ cpr: 'ANY', hoiEligibility: 'ANY' }) }),
      mutation: null,
      subscription: null,
    },
    may: 'screening and citizen(cpr) { cpr hoiEligibility }',
  },
  auditor: {
    scope: {
      query: scope({ citizen: AUDIT_CITIZEN, citizens: AUDIT_CITIZEN }),
      mutation: null,
      subscription: null,
    },
    may: 'citizen(cpr) { cpr accessLog }',
  },
};

/** Introspection reads schema metadata, never citizen data. */
const ROOT_META = new Set(['__schema', '__type']);

/**
 * The path of the first field outside `allowed` (by field name: aliases change nothing), or
 * null when every selection is within it.
 */
export function firstOutOfScope(
  set: SelectionSetNode,
  allowed: Scope,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  path: readonly string[] = [],
  seen: ReadonlySet<string> = new Set(),
): string | null {
  if (allowed === 'ANY') return null;
  for (const s of set.selections) {
    let found: string | null = null;
    if (s.kind === Kind.FIELD) {
      const name = s.name.value;
      if (name === '__typename' || (path.length === 0 && ROOT_META.has(name))) continue;
      const below = allowed.get(name);
      if (below === undefined) return [...path, name].join('.');
      if (s.selectionSet)
        found = firstOutOfScope(s.selectionSet, below, fragments, [...path, name], seen);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      found = firstOutOfScope(s.selectionSet, allowed, fragments, path, seen);
    } else {
      const name = s.name.value;
      const fragment = fragments.get(name);
      // Validation has rejected unknown and cyclic fragments already; refuse them regardless.
      if (!fragment || seen.has(name)) return [...path, `...${name}`].join('.');
      found = firstOutOfScope(
        fragment.selectionSet,
        allowed,
        fragments,
        path,
        new Set([...seen, name]),
      );
    }
    if (found !== null) return found;
  }
  return null;
}

/** The plugin: refuses an operation of a scoped role that selects anything outside its scope. */
export function roleScopePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          const role = contextValue.principal?.role;
          const rule = role === undefined ? undefined : ROLE_SCOPES[role];
          if (!rule || !operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions)
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          const allowed = rule.scope[operation.operation];
          const outside = allowed
            ? firstOutOfScope(operation.selectionSet, allowed, fragments)
            : `a ${operation.operation}`;
          if (outside !== null) {
            throw forbidden(
              `The ${role} role may only use ${rule.may}; the operation selects ${outside}`,
              { http: { status: 403 } },
            );
          }
        },
      };
    },
  };
}
