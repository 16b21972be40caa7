/**
 * Builds the gateway (no listen): Apollo Server + @apollo/gateway over the composed
 * supergraph, authentication, CPR validation, the signed access context for the subgraphs,
 * the playground and the health routes.
 */
import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Cluster, Redis } from 'ioredis';
import { Agent } from 'undici';
import { createAccessContextSigner } from '@hoi/access';
import {
  createFormatError,
  createGraphQLHttpServer,
  gatewayReady,
  type Logger,
  type Metrics,
  metricsPlugin,
  metricsRoute,
  READ_REVEALING_METRICS,
  parseSubgraphReadiness,
  requestLogPlugin,
  type RouteHandler,
  sendJson,
  type SubgraphProbe,
} from '@hoi/platform';
import type { SealedCache } from '@hoi/cache';
import type { Authenticate } from './auth.js';
import { disableApolloTelemetry, type GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource, type SignAccessContext } from './dataSources/SubgraphDataSource.js';
import { createUndiciFetcher } from './dataSources/undiciFetcher.js';
import { createEntityCache, createNearEntityCache } from './entityCache.js';
import { createPersistedQueryCache } from './persistedQueryCache.js';
import { createReadAhead } from './readAhead.js';
import { createDocumentGuard } from './documentGuard.js';
import { operationLabeler } from './operationLabels.js';
import { createPlaygroundHandler, type PlaygroundOptions } from './playground.js';
import { authorizationPlugin } from './plugins/authorization.js';
import { maxBodyBytesFor } from './operationLimits.js';
import { operationLimitsPlugin } from './plugins/operationLimits.js';
import { scalarValidationPlugin } from './plugins/scalarValidation.js';
import { roleScopePlugin } from './plugins/roleScopes.js';
import { screeningRateLimitPlugin } from './plugins/screeningRateLimit.js';
import { trustedOperationsPlugin } from './plugins/trustedOperations.js';
import { tracingPlugin } from './plugins/tracing.js';
import { createRateLimiter } from './rateLimits.js';
import { createReadinessGate, createRequestGate } from './requestGate.js';
import type { TrustedOperations } from './trustedOperations.js';

/** Dependencies of the gateway. */
export interface GatewayDeps {
  readonly config: Pick<
    GatewayConfig,
    | 'production'
    | 'accessContextSecret'
    | 'subgraphUrls'
    | 'limits'
    | 'rateLimits'
    | 'trustedOperations'
    | 'metrics'
    | 'subgraphTimeoutMs'
    | 'corsOrigins'
  >;
  readonly supergraphSdl: string;
  readonly authenticate: Authenticate;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The cache for entity answers and persisted queries; null when caching is off. */
  readonly cache: SealedCache | null;
  /** TTL of cached entity answers. @default 60000 */
  readonly entityCacheTtlMs?: number;
  /** Size of the in-process layer of entity answers in front of Redis; 0: none. @default 64 */
  readonly entityCacheMemoryMiB?: number;
  /** Approximate size of the in-memory query plan cache. @default 30 */
  readonly queryPlanCacheMiB?: number;
  /** The trusted operations manifest, loaded; null: none. @default null */
  readonly trusted?: TrustedOperations | null;
  /** Redis for the rate limits shared by every instance; absent: counted in process. */
  readonly rateLimitRedis?: Redis | Cluster;
  /** The playground's sample citizen and (development only) its tokens. @default none */
  readonly playground?: Pick<PlaygroundOptions, 'sample' | 'devTokens'>;
}

/** The gateway's servers. */
export interface Gateway {
  readonly apollo: ApolloServer<GatewayContext>;
  readonly gateway: ApolloGateway;
  readonly http: Server;
  /** The `/metrics` handler (token-checked when METRICS_TOKEN is set), for a metrics port. */
  readonly metrics: RouteHandler;
  stop(): Promise<void>;
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

/** The answer instead of one whose audit record was not confirmed: no data, the server's fault. */
function withheldAnswer(requestId: string): HTTPGraphQLResponse {
  const headers = new HeaderMap([
    ['content-type', 'application/json; charset=utf-8'],
    ['x-request-id', requestId],
  ]);
  const body = {
    errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    data: null,
  };
  return { status: 200, headers, body: { kind: 'complete', string: JSON.stringify(body) } };
}

/** Creates and starts (but does not listen) the gateway. */
export async function createGateway(deps: GatewayDeps): Promise<Gateway> {
  disableApolloTelemetry();
  const sign = createAccessContextSigner(deps.config.accessContextSecret);
  const subgraphUrls = new Map<string, string>();
  // Bounded waits for a subgraph (undici's defaults are 300 s): connecting, the answer's
  // headers, and each pause in its body.
  const timeout = deps.config.subgraphTimeoutMs;
  const dispatcher = new Agent({
    keepAliveTimeout: 30_000,
    connections: 64,
    pipelining: 1,
    connect: { timeout },
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const fetcher = createUndiciFetcher(dispatcher);
  const signFor: SignAccessContext = (ctx, body) =>
    sign(
      {
        principal: ctx.principal,
        requestId: ctx.requestId,
        operationName: ctx.operationName,
        // This gateway reads held answers: it awaits their confirmations (below).
        heldAnswers: true,
      },
      body,
    );
  const readAhead = createReadAhead({
    subgraphUrl: (name) => subgraphUrls.get(name),
    dispatcher,
    sign: signFor,
    cachedForMs: deps.cache ? (deps.entityCacheTtlMs ?? 60_000) : 0,
    logger: deps.logger,
  });
  const limits = deps.config.limits;
  const trusted = deps.trusted ?? null;
  const limiter = createRateLimiter({
    limits: deps.config.rateLimits,
    redis: deps.rateLimitRedis,
    logger: deps.logger,
  });
  // One in-process layer for the four data subgraphs' entity answers.
  const nearEntities = createNearEntityCache(deps.entityCacheMemoryMiB ?? 64);
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
        signFor,
        createEntityCache(name, deps.cache, deps.entityCacheTtlMs ?? 60_000, {
          near: nearEntities,
          metrics: deps.metrics,
          fetched: (cprs) => readAhead.fetched(name, cprs),
        }),
      );
    },
    // The plan is known and about to run: the index subgraphs it asks after the consent
    // subgraph may start reading their sources now (readAhead.ts).
    experimental_didResolveQueryPlan: ({ queryPlan, operationContext, requestContext }) =>
      readAhead.planned(
        queryPlan,
        operationContext.operation,
        requestContext.request.variables,
        requestContext.context as GatewayContext,
      ),
    experimental_approximateQueryPlanStoreMiB: deps.queryPlanCacheMiB ?? 30,
  });
  // The API schema, for the document guard's limit rules (set when the gateway loads).
  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded }) => void (apiSchema = loaded));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createFormatError(deps.logger),
    includeStacktraceInErrorResponses: false,
    // The process's runner owns SIGTERM/SIGINT (close the listener, then stop): Apollo's own
    // handlers would stop the server a second time, concurrently, and that stop never resolved.
    stopOnTerminationSignals: false,
    introspection: !deps.config.production,
    // A backstop: the document guard refuses longer documents before Apollo parses them.
    parseOptions: { maxTokens: limits.tokens },
    // Automatic persisted queries live in the same (sealed) cache as everything else.
    persistedQueries: deps.cache
      ? { cache: createPersistedQueryCache(deps.cache), ttl: 86_400 }
      : false,
    plugins: [
      tracingPlugin({ subgraphUrls }),
      ApolloServerPluginLandingPageDisabled(),
      metricsPlugin<GatewayContext>(deps.metrics, {
        operationLabel: operationLabeler(deps.config.metrics.operationNames, trusted),
      }),
      trustedOperationsPlugin(trusted),
      operationLimitsPlugin(limits),
      screeningRateLimitPlugin(limiter),
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
  // SERVICE_UNAVAILABLE until every subgraph has answered once (not an internal error).
  const started = createReadinessGate(async () =>
    Object.values(await subgraphReadiness(subgraphUrls)).every((p) => p !== 'unreachable'),
  );
  const admit = createRequestGate({
    authenticate: deps.authenticate,
    limiter,
    production: deps.config.production,
    readiness: started,
  });
  const guard = createDocumentGuard({
    limits,
    schema: () => apiSchema,
    trusted,
    required: deps.config.trustedOperations.mode === 'required',
  });
  // The guard runs while Apollo builds the context: what it throws is answered with its code
  // and status (the same error from a pre-execution hook would be an internal error).
  // The answer leaves only once every held subgraph answer it used is confirmed (their audit
  // records are durable); else it is replaced by an error: fail closed.
  const execute: ApolloServer<GatewayContext>['executeHTTPGraphQLRequest'] = async (request) => {
    let context: GatewayContext | undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      ...request,
      context: async () => {
        context = await request.context();
        guard.check(request.httpGraphQLRequest, context.principal);
        return context;
      },
    });
    if (!context?.held.length) return result;
    try {
      await Promise.all(context.held);
      return result;
    } catch (err) {
      deps.logger.error(
        { err, requestId: context.requestId },
        'a held subgraph answer was not confirmed: the answer is withheld',
      );
      return withheldAnswer(context.requestId);
    }
  };
  const guarded = new Proxy(apollo, {
    get: (target, property, receiver) =>
      property === 'executeHTTPGraphQLRequest' ? execute : Reflect.get(target, property, receiver),
  });
  const metrics = metricsRoute(deps.metrics, {
    token: deps.config.metrics.token,
    // No per-citizen oracle: the cache families move right after one citizen is read.
    exclude: READ_REVEALING_METRICS,
  });
  // In production /metrics needs a token, or lives on its own port (served by the entry).
  const metricsHere =
    deps.config.metrics.port === undefined &&
    (!deps.config.production || deps.config.metrics.token !== undefined);
  const http = createGraphQLHttpServer<GatewayContext>({
    apollo: guarded,
    // Larger than any document within the token limit can be: refused unread (alias bombs).
    maxBodyBytes: maxBodyBytesFor(deps.config.limits.tokens),
    corsOrigins: deps.config.corsOrigins,
    bodyLimitName: 'tokens',
    context: async (req) => ({ ...(await admit(req)), operationName: null, held: [] }),
    landingPage: createPlaygroundHandler({
      ...deps.playground,
      endpoint: '/graphql',
      production: deps.config.production,
      logger: deps.logger,
    }),
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
      ...(metricsHere ? { '/metrics': metrics } : {}),
      // Ready when it can serve: past the start-up gate (every subgraph answered once, else
      // every request is SERVICE_UNAVAILABLE) and the consent subgraph ready; any other
      // subgraph down only makes answers partial (readiness.ts). During a shutdown the
      // process's runner answers 503 before this is reached.
      '/ready': async (_req, res) => {
        const [probes, open] = await Promise.all([
          subgraphReadiness(subgraphUrls),
          started.check().then(
            () => true,
            () => false,
          ),
        ]);
        const ready = open && gatewayReady(probes);
        const subgraphs = Object.fromEntries(
          Object.entries(probes).map(([n, p]) => [n, p !== 'unreachable' && p.ready]),
        );
        sendJson(res, ready ? 200 : 503, { ready, subgraphs });
      },
    },
  });
  // Requests in flight, for the read ahead's capacity check ('close': answered or aborted).
  http.on('request', (_req, res) => {
    readAhead.started();
    res.once('close', () => readAhead.finished());
  });
  return {
    apollo,
    gateway,
    http,
    metrics,
    stop: async () => {
      await apollo.stop();
    },
  };
}
