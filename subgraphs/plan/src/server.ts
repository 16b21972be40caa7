/** Builds the plan subgraph server (no listen). */
import { createAccessContextVerifier } from '@hoi/access';
import type { Logger, Metrics } from '@hoi/platform';
import { createSubgraphServer, loadSchemaFile } from '@hoi/subgraph-kit';
import { createContext, type PlanDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

/** Creates the plan subgraph's servers from its dependencies. */
export function createPlanServer(
  deps: PlanDeps & { accessContextSecret: string; logger: Logger; metrics: Metrics },
) {
  return createSubgraphServer({
    name: 'plan',
    typeDefs: loadSchemaFile(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    logger: deps.logger,
    metrics: deps.metrics,
    verifyAccessContext: createAccessContextVerifier(deps.accessContextSecret),
    createContext: (access) => createContext(deps, access),
    sources: [deps.sources.cases, deps.sources.benefits, deps.sources.interventions],
    ready: () => deps.store.ping(),
  });
}
