/**
 * Builds the gateway (no listen): Apollo Server + @apollo/gateway over the composed
 * supergraph, authentication, CPR validation, the signed access context for the subgraphs,
 * the playground and the health routes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createAccessContextSigner } from '@hoi/access';
import { unauthenticated } from '@hoi/domain';
import {
  createFormatError,
  createGraphQLHttpServer,
  gatewayReady,
  type Logger,
  type Metrics,
  metricsPlugin,
  metricsRoute,
  parseSubgraphReadiness,
  requestLogPlugin,
  sendJson,
  type SubgraphProbe,
} from '@hoi/platform';
import type { SealedCache } from '@hoi/cache';
import type { Authenticate } from './auth.js';
import { disableApolloTelemetry, type GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './dataSources/SubgraphDataSource.js';
import { createUndiciFetcher } from './dataSources/undiciFetcher.js';
import { createEntityCache } from './entityCache.js';
import { createPersistedQueryCache } from './persistedQueryCache.js';
import { createPlaygroundHandler } from './playground.js';
import { authorizationPlugin } from './plugins/authorization.js';
import { scalarValidationPlugin } from './plugins/scalarValidation.js';
import { roleScopePlugin } from './plugins/roleScopes.js';

/** Dependencies of the gateway. */
export interface GatewayDeps {
  readonly config: Pick<GatewayConfig, 'production' | 'accessContextSecret' | 'subgraphUrls'>;
  readonly supergraphSdl: string;
  readonly authenticate: Authenticate;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The cache for entity answers and persisted queries; null when caching is off. */
  readonly cache: SealedCache | null;
  /** TTL of cached entity answers. @default 60000 */
  readonly entityCacheTtlMs?: number;
  /** Approximate size of the in-memory query plan cache. @default 30 */
  readonly queryPlanCacheMiB?: number;
}

/** The gateway's servers. */
export interface Gateway {
  readonly apollo: ApolloServer<GatewayContext>;
  readonly gateway: ApolloGateway;
  readonly http: Server;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Asks every subgraph's `/ready` (1.5 s timeout each, in parallel). */
async function subgraphReadiness(
  urls: ReadonlyMap<string, string>,
): Promise<Record<string, SubgraphProbe>> {
  const entries = [...urls].map(async ([name, url]) => {
    try {
      const res = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(1_500) });
      return [name, parseSubgraphReadiness(await res.json())] as const;
    } catch {
      return [name, 'unreachable' as const] as const;
    }
  });
  return Object.fromEntries(await Promise.all(entries));
}

/** Creates and starts (but does not listen) the gateway. */
export async function createGateway(deps: GatewayDeps): Promise<Gateway> {
  disableApolloTelemetry();
  const sign = createAccessContextSigner(deps.config.accessContextSecret);
  const subgraphUrls = new Map<string, string>();
  const fetcher = createUndiciFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    buildService: ({ name, url }) => {
      const target =
        deps.config.subgraphUrls[name as keyof GatewayConfig['subgraphUrls']] ?? url ?? '';
      subgraphUrls.set(name, target);
      return new SubgraphDataSource(
        {
          url: target,
          fetcher,
        },
        (ctx) =>
          sign({
            principal: ctx.principal,
            requestId: ctx.requestId,
            operationName: ctx.operationName,
          }),
        createEntityCache(name, deps.cache, deps.entityCacheTtlMs ?? 60_000),
      );
    },
    experimental_approximateQueryPlanStoreMiB: deps.queryPlanCacheMiB ?? 30,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createFormatError(deps.logger),
    includeStacktraceInErrorResponses: false,
    // The process's runner owns SIGTERM/SIGINT (close the listener, then stop): Apollo's own
    // handlers would stop the server a second time, concurrently, and that stop never resolved.
    stopOnTerminationSignals: false,
    introspection: !deps.config.production,
    // Automatic persisted queries live in the same (sealed) cache as everything else.
    persistedQueries: deps.cache
      ? { cache: createPersistedQueryCache(deps.cache), ttl: 86_400 }
      : false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      metricsPlugin<GatewayContext>(deps.metrics),
      scalarValidationPlugin(),
      authorizationPlugin(),
      roleScopePlugin(),
      requestLogPlugin<GatewayContext>({ logger: deps.logger, requestId: (ctx) => ctx.requestId }),
      {
        async requestDidStart({ contextValue }) {
          return {
            async willSendResponse({ response }) {
              response.http.headers.set('x-request-id', contextValue.requestId);
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const http = createGraphQLHttpServer<GatewayContext>({
    apollo,
    context: async (req) => {
      const principal = await deps.authenticate(req.headers.authorization);
      if (!principal && deps.config.production) throw unauthenticated();
      return { principal, requestId: requestIdOf(req), operationName: null };
    },
    landingPage: createPlaygroundHandler('/graphql'),
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
      '/metrics': metricsRoute(deps.metrics),
      // Ready unless a subgraph or a required store is down, or every source is (one failing
      // source only makes answers partial): see readiness.ts.
      '/ready': async (_req, res) => {
        const probes = await subgraphReadiness(subgraphUrls);
        const ready = gatewayReady(probes);
        const subgraphs = Object.fromEntries(
          Object.entries(probes).map(([n, p]) => [n, p !== 'unreachable' && p.ready]),
        );
        sendJson(res, ready ? 200 : 503, { ready, subgraphs });
      },
    },
  });
  return {
    apollo,
    gateway,
    http,
    stop: async () => {
      await apollo.stop();
    },
  };
}
