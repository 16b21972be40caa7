/** Builds the employment subgraph server (no listen). */
import { createAccessContextVerifier } from '../../shared/src/accessContext.js';
import type { Logger } from '../../shared/src/logger.js';
import type { Metrics } from '../../shared/src/metrics.js';
import { loadSchemaFile } from '../../shared/src/schemaFile.js';
import { createSubgraphServer } from '../../shared/src/subgraphServer.js';
import { createContext, type EmploymentDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

/** Creates the employment subgraph's servers from its dependencies. */
export function createEmploymentServer(deps: EmploymentDeps & { accessContextSecret: string; logger: Logger; metrics: Metrics }) {
  return createSubgraphServer({
    name: 'employment',
    typeDefs: loadSchemaFile(import.meta.url),
    resolvers,
    logger: deps.logger,
    metrics: deps.metrics,
    verifyAccessContext: createAccessContextVerifier(deps.accessContextSecret),
    createContext: (access) => createContext(deps, access),
    sources: [deps.source],
  });
}
