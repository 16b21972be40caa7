/** Builds the benefits subgraph server (no listen). */
import { createAccessContextVerifier } from '../../shared/src/accessContext.js';
import type { Logger } from '../../shared/src/logger.js';
import type { Metrics } from '../../shared/src/metrics.js';
import { loadSchemaFile } from '../../shared/src/schemaFile.js';
import { createSubgraphServer } from '../../shared/src/subgraphServer.js';
import { createContext, type BenefitsDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

/** Creates the benefits subgraph's servers from its dependencies. */
export function createBenefitsServer(deps: BenefitsDeps & { accessContextSecret: string; logger: Logger; metrics: Metrics }) {
  return createSubgraphServer({
    name: 'benefits',
    typeDefs: loadSchemaFile(import.meta.url),
    resolvers,
    logger: deps.logger,
    metrics: deps.metrics,
    verifyAccessContext: createAccessContextVerifier(deps.accessContextSecret),
    createContext: (access) => createContext(deps, access),
    sources: [deps.source],
  });
}
