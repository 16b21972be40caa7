/**
 * The cost budget in Apollo's pipeline (see operationLimits.ts): checked with the request's
 * variables once the operation is resolved, before anything is planned or executed. Tokens,
 * depth, aliases and root fields are the document guard's (before parsing and validation).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context.js';
import {
  checkCost,
  costDependsOnVariables,
  operationCost,
  type OperationLimits,
} from '../operationLimits.js';

/** What is known of one document's cost: whether variables move it, and else its cost per operation. */
interface KnownCost {
  readonly variable: boolean;
  readonly byOperation: Map<string, number>;
}

/** The plugin. */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<GatewayContext> {
  // Apollo keeps one parsed document per query text and schema, so the cost of a document whose
  // cost no variable can change (most: an overview's `$cpr` does not) is computed once.
  const known = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, KnownCost>>();
  const knownCost = (schema: GraphQLSchema, document: DocumentNode): KnownCost => {
    let bySchema = known.get(schema);
    if (!bySchema) known.set(schema, (bySchema = new WeakMap()));
    let entry = bySchema.get(document);
    if (!entry) {
      entry = { variable: costDependsOnVariables(document), byOperation: new Map() };
      bySchema.set(document, entry);
    }
    return entry;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const compute = (variables: Record<string, unknown> | undefined) =>
            operationCost(schema, document, variables, operationName ?? undefined, limits.listCost);
          const entry = knownCost(schema, document);
          if (entry.variable) {
            checkCost(compute(request.variables), limits.cost);
            return;
          }
          const name = operationName ?? '';
          let cost: number | null | undefined = entry.byOperation.get(name);
          if (cost === undefined) {
            cost = compute(request.variables);
            // Only a number is kept: null (variables that do not fit, refused by execution)
            // must not spare a later request with fitting ones the check.
            if (cost !== null) entry.byOperation.set(name, cost);
          }
          checkCost(cost, limits.cost);
        },
      };
    },
  };
}
