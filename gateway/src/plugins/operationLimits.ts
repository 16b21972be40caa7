/**
 * The cost budget in Apollo's pipeline (see operationLimits.ts): checked with the request's
 * variables once the operation is resolved, before anything is planned or executed. Tokens,
 * depth, aliases and root fields are the document guard's (before parsing and validation).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { checkCost, operationCost, type OperationLimits } from '../operationLimits.js';

/** The plugin. */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const cost = operationCost(
            schema,
            document,
            request.variables,
            operationName ?? undefined,
            limits.listCost,
          );
          checkCost(cost, limits.cost);
        },
      };
    },
  };
}
