/**
 * The gateway's subgraph client: forwards the signed access context (who is asking) with
 * every subgraph request. Subgraphs never see, or trust, the client's own headers.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { EntityCache } from '../entityCache.js';
import { ACCESS_CONTEXT_HEADER, type SignedBody } from '@hoi/access';
import { injectTraceHeaders, withSpan } from '@hoi/telemetry';
import type { GatewayContext } from '../context.js';
import { fetchTraceOf } from '../plugins/tracing.js';
import { BufferedResponse } from './undiciFetcher.js';

/** Signs the access context of one subgraph request, bound to its body. */
export type SignAccessContext = (ctx: GatewayContext, body: SignedBody) => Promise<string>;

function isGatewayContext(ctx: unknown): ctx is GatewayContext {
  return (
    typeof ctx === 'object' &&
    ctx !== null &&
    typeof (ctx as { requestId?: unknown }).requestId === 'string'
  );
}

/** A RemoteGraphQLDataSource that adds the access context header. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly signAccessContext: SignAccessContext,
    private readonly entityCache: EntityCache | null = null,
  ) {
    super(config);
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const traced = isGatewayContext(options.context) ? fetchTraceOf(options.context) : undefined;
    if (!traced) return this.processThroughCache(options);
    // A client span per fetch, a child of the request's `graphql.execute` (the tracing
    // plugin), active while the request is sent, so that willSendRequest propagates it.
    const subgraph = traced.subgraphAt(this.url);
    return withSpan(
      `subgraph.fetch ${subgraph}`,
      { 'hoi.subgraph': subgraph },
      () => this.processThroughCache(options),
      { kind: 'client', parent: traced.parent },
    );
  }

  private processThroughCache(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!this.entityCache || !isGatewayContext(options.context)) return super.process(options);
    return this.entityCache.through(options.request, () => super.process(options));
  }

  override parseBody(
    response: FetcherResponse,
    request?: Parameters<RemoteGraphQLDataSource['parseBody']>[1],
    context?: GatewayContext,
  ): Promise<object | string> {
    // A held answer is used now; the request's own answer waits for its confirmation.
    if (response instanceof BufferedResponse && response.confirmation) {
      if (!context?.held) throw new Error('a held answer outside a gateway request');
      context.held.push(response.confirmation);
    }
    return super.parseBody(response, request, context);
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading have no request context: they carry no access.
    if (!isGatewayContext(context)) return;
    // Signed per subgraph request: it is bound to this body and good for nothing else.
    const signed = await this.signAccessContext(context, {
      query: request.query,
      variables: request.variables,
    });
    request.http?.headers.set(ACCESS_CONTEXT_HEADER, signed);
    // For log correlation only; the id subgraphs log is the one inside the signed context.
    request.http?.headers.set('x-request-id', context.requestId);
    // W3C traceparent of the fetch span (nothing while tracing is off).
    const trace: Record<string, string> = {};
    injectTraceHeaders(trace);
    for (const [name, value] of Object.entries(trace)) request.http?.headers.set(name, value);
  }
}
