/**
 * What every subgraph server shares: Apollo Server over a federated schema, error
 * formatting, and the access-context gate (DESIGN §4: a subgraph reached without a valid
 * gateway-signed access context answers nothing).
 */
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import type { AccessContext } from '@hoi/access';
import type { CitizenSource } from '@hoi/sources';
import { unauthenticated } from '@hoi/domain';
import {
  createFormatError,
  createGraphQLHttpServer,
  type Logger,
  type Metrics,
  metricsPlugin,
  metricsRoute,
  READ_REVEALING_METRICS,
  requestLogPlugin,
  type PostRouteHandler,
  type RouteHandler,
  sendJson,
  subgraphReadiness,
} from '@hoi/platform';
import { traceHttpServer } from '@hoi/telemetry';
import { partialResultsPlugin } from './partialResults.js';
import { requestAccess, type VerifyAccessContext } from './requestAccess.js';

/** The resolver map `buildSubgraphSchema` takes (codegen's `Resolvers` fits it). */
export type SubgraphResolverMap = NonNullable<
  Extract<
    Parameters<typeof buildSubgraphSchema>[0],
    { typeDefs: DocumentNode | DocumentNode[] }
  >['resolvers']
>;

/** What every subgraph's resolver context has. */
export interface SubgraphContext extends BaseContext {
  readonly access: AccessContext;
  /** The request's "now": one instant for every decision in a request. */
  readonly now: Date;
}

/** Options of {@link createSubgraphServer}. */
export interface SubgraphServerOptions<TContext extends SubgraphContext> {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly resolvers: SubgraphResolverMap;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Verifies the access-context header value against the request body; null when not valid. */
  readonly verifyAccessContext: VerifyAccessContext;
  /** Builds the rest of the per-request context (fresh loaders). */
  readonly createContext: (access: AccessContext) => TContext;
  readonly plugins?: ApolloServerPlugin<TContext>[];
  readonly routes?: Readonly<Record<string, RouteHandler>>;
  /** Extra POST routes (JSON bodies of at most 16 KiB). */
  readonly postRoutes?: Readonly<Record<string, PostRouteHandler>>;
  /** Whether the stores this subgraph needs answer (for `/ready`). @default always ready */
  readonly ready?: () => Promise<boolean>;
  /** The subgraph's sources, probed for `/ready` (ready while any answers). @default none */
  readonly sources?: readonly CitizenSource<unknown>[];
  /** The durable writes a request's answer is held for (see `HELD_ANSWER_HEADER`). */
  readonly held?: (context: TContext) => Promise<void> | null;
}

/** A subgraph's Apollo Server and HTTP server (not listening yet). */
export interface SubgraphServer<TContext extends SubgraphContext> {
  readonly apollo: ApolloServer<TContext>;
  readonly http: Server;
  /**
   * The per-request context for a verified access context, as the HTTP layer builds it:
   * for `apollo.executeOperation` in unit tests.
   */
  contextFor(access: AccessContext): TContext;
}

/** Creates and starts (but does not listen) a subgraph server. */
export async function createSubgraphServer<TContext extends SubgraphContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer<TContext>> {
  const formatError = createFormatError(options.logger);
  const requestId = (ctx: TContext) => ctx.access?.requestId;
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process's runner owns SIGTERM/SIGINT (close the listener, then stop): Apollo's own
    // handlers would stop the server a second time, concurrently, and that stop never resolved.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      metricsPlugin<TContext>(options.metrics),
      // Before the request log, so that the log line sees the appended errors.
      partialResultsPlugin<TContext>({
        formatError,
        metrics: options.metrics,
        logger: options.logger,
        requestId,
      }),
      requestLogPlugin<TContext>({ logger: options.logger, level: 'debug', requestId }),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();
  const http = createGraphQLHttpServer<TContext>({
    apollo,
    context: async (req, body) => {
      const access = await requestAccess(req, body, options.verifyAccessContext);
      if (!access) throw unauthenticated('A valid gateway access context is required');
      return options.createContext(access);
    },
    held: options.held,
    postRoutes: options.postRoutes,
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: options.name }),
      '/metrics': metricsRoute(options.metrics, { exclude: READ_REVEALING_METRICS }),
      '/ready': async (_req, res) => {
        const readiness = await subgraphReadiness(
          options.name,
          options.ready,
          options.sources ?? [],
        );
        sendJson(res, readiness.ready ? 200 : 503, readiness);
      },
      ...options.routes,
    },
  });
  // A server span per GraphQL request (POST), in the trace the gateway's fetch propagated;
  // probes (GET /health, /ready, /metrics) and other POST routes (a read ahead: its log line
  // carries the request id) stay untraced.
  traceHttpServer(
    http,
    `subgraph.serve ${options.name}`,
    { 'hoi.subgraph': options.name },
    (req) => req.method === 'POST' && (req.url ?? '').split('?')[0] === '/graphql',
  );
  return { apollo, http, contextFor: options.createContext };
}
