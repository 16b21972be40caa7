/** Builds the consent subgraph server (no listen). */
import { createAccessContextVerifier } from '@hoi/access';
import type { Logger, Metrics } from '@hoi/platform';
import { createSubgraphServer, loadSchemaFile } from '@hoi/subgraph-kit';
import { createGroupCommit } from '@hoi/storage';
import { createContext, type ConsentDeps } from './context.js';
import { resolvers } from './resolvers/index.js';
import type { AuditRecord } from './store/ConsentStore.js';

/** Creates the consent subgraph's servers from its dependencies. */
export function createConsentServer(
  deps: ConsentDeps & { accessContextSecret: string; logger: Logger; metrics: Metrics },
) {
  const audit = createGroupCommit((records: readonly AuditRecord[]) =>
    deps.store.appendAudit(records),
  );
  return createSubgraphServer({
    name: 'consent',
    typeDefs: loadSchemaFile(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    logger: deps.logger,
    metrics: deps.metrics,
    verifyAccessContext: createAccessContextVerifier(deps.accessContextSecret),
    createContext: (access) => createContext(deps, access, audit),
    sources: [deps.source],
    ready: () => deps.store.ping(),
    held: (ctx) =>
      ctx.heldAudits()?.catch((err: unknown) => {
        // The caller withholds the answer; this is where the failure is seen.
        deps.logger.error(
          { err, requestId: ctx.access.requestId },
          'audit record not written: the held answer is not confirmed',
        );
        throw err;
      }) ?? null,
  });
}
