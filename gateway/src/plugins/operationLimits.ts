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

/** The plugin. */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<GatewayContext> {
  // Apollo keeps one parsed document per query text and schema, so the cost of a document whose
  // cost no variable can change (most: an overview's `$cpr` does not) is computed once.
  const constant = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
  const constantCost = (schema: GraphQLSchema, document: DocumentNode) => {
    let bySchema = constant.get(schema);
    if (!bySchema) constant.set(schema, (bySchema = new WeakMap()));
    let byOperation = bySchema.get(document);
    if (!byOperation) {
      byOperation = new Map();
      bySchema.set(document, byOperation);
    }
    return byOperation;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const compute = (variables: Record<string, unknown> | undefined) =>
            operationCost(schema, document, variables, operationName ?? undefined, limits.listCost);
          if (costDependsOnVariables(document)) {
            checkCost(compute(request.variables), limits.cost);
            return;
          }
          const known = constantCost(schema, document);
          const name = operationName ?? '';
          let cost: number | null | undefined = known.get(name);
          if (cost === undefined) {
            cost = compute(request.variables);
            // Only a number is kept: null (variables that do not fit, refused by execution)
            // must not spare a later request with fitting ones the check.
            if (cost !== null) known.set(name, cost);
          }
          checkCost(cost, limits.cost);
        },
      };
    },
  };
}
