/** Builds the screening subgraph server (no listen). */
import { createAccessContextVerifier } from '@hoi/access';
import type { Logger, Metrics } from '@hoi/platform';
import { createGroupCommit } from '@hoi/storage';
import { createSubgraphServer, loadSchemaFile } from '@hoi/subgraph-kit';
import { createContext, type ScreeningDeps } from './context.js';
import { resolvers } from './resolvers/index.js';
import type { ScreeningAuditRecord } from './store/ScreeningStore.js';

/** Creates the screening subgraph's servers from its dependencies. */
export function createScreeningServer(
  deps: ScreeningDeps & { accessContextSecret: string; logger: Logger; metrics: Metrics },
) {
  // One appender per server: concurrent requests share an insert (and its fsync).
  const audit = createGroupCommit((records: readonly ScreeningAuditRecord[]) =>
    deps.store.appendAudit(records),
  );
  return createSubgraphServer({
    name: 'screening',
    typeDefs: loadSchemaFile(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    logger: deps.logger,
    metrics: deps.metrics,
    verifyAccessContext: createAccessContextVerifier(deps.accessContextSecret),
    createContext: (access) => createContext(deps, access, audit),
    sources: [deps.source],
    // The projection is this subgraph's store as much as the database: not ready until built.
    ready: async () => deps.projection.ready && (await deps.store.ping()),
  });
}
