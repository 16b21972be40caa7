/** Builds the consent subgraph server (no listen). */
import { createAccessContextVerifier } from '../../shared/src/accessContext.js';
import type { Logger } from '../../shared/src/logger.js';
import type { Metrics } from '../../shared/src/metrics.js';
import { loadSchemaFile } from '../../shared/src/schemaFile.js';
import { createGroupCommit } from '../../shared/src/groupCommit.js';
import { createSubgraphServer } from '../../shared/src/subgraphServer.js';
import { createContext, type ConsentDeps } from './context.js';
import { resolvers } from './resolvers/index.js';
import type { AuditRecord } from './store/ConsentStore.js';

/** Creates the consent subgraph's servers from its dependencies. */
export function createConsentServer(deps: ConsentDeps & { accessContextSecret: string; logger: Logger; metrics: Metrics }) {
  const audit = createGroupCommit((records: readonly AuditRecord[]) => deps.store.appendAudit(records));
  return createSubgraphServer({
    name: 'consent',
    typeDefs: loadSchemaFile(import.meta.url),
    resolvers,
    logger: deps.logger,
    metrics: deps.metrics,
    verifyAccessContext: createAccessContextVerifier(deps.accessContextSecret),
    createContext: (access) => createContext(deps, access, audit),
    sources: [deps.source],
    ready: () => deps.store.ping(),
  });
}
