/**
 * The gateway's spans: one `graphql.request` per operation (a SERVER span, the root of the
 * request's trace) with `graphql.parse`, `graphql.validate` and `graphql.execute` (planning
 * and the subgraph fetches) as children. The subgraph fetches (SubgraphDataSource) are
 * children of `graphql.execute`.
 *
 * A new trace per request, never the client's `traceparent`: the gateway is the trust
 * boundary (the subgraphs see no client header either), and a client-chosen trace id would
 * travel into every log line. The operation's type is recorded, never its name (a client
 * chooses it) or its variables.
 *
 * Apollo Server calls plugin hooks around each phase, not through them, so a span here can
 * not be made the active one; the data source finds its parent by the request's context
 * object instead.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type Context, startSpan } from '@hoi/telemetry';
import type { GatewayContext } from '../context.js';

/** What a subgraph fetch of a traced request needs: its parent, and the subgraph's name. */
export interface FetchTrace {
  readonly parent: Context;
  /** The subgraph a data source's URL belongs to (`subgraph` when unknown). */
  subgraphAt(url: string | undefined): string;
}

const traces = new WeakMap<object, FetchTrace>();

/** The trace a subgraph fetch of this request belongs to; undefined while tracing is off. */
export function fetchTraceOf(context: object): FetchTrace | undefined {
  return traces.get(context);
}

/** Options of {@link tracingPlugin}. */
export interface TracingPluginOptions {
  /**
   * Each subgraph's URL by name, as the gateway resolved them, to name fetch spans after
   * their subgraph (a name from the supergraph, never a URL). @default none (spans say
   * `subgraph`)
   */
  readonly subgraphUrls?: ReadonlyMap<string, string>;
}

/** Creates the tracing plugin. With tracing off it adds no hook to any request. */
export function tracingPlugin(
  options: TracingPluginOptions = {},
): ApolloServerPlugin<GatewayContext> {
  const subgraphAt = (url: string | undefined): string => {
    for (const [name, target] of options.subgraphUrls ?? []) if (target === url) return name;
    return 'subgraph';
  };
  return {
    async requestDidStart({ contextValue }) {
      const request = startSpan('graphql.request', {}, { kind: 'server', root: true });
      if (!request) return;
      const phase = (name: 'graphql.parse' | 'graphql.validate' | 'graphql.execute') =>
        startSpan(name, {}, { parent: request.context });
      traces.set(contextValue, { parent: request.context, subgraphAt });
      return {
        async parsingDidStart() {
          const parse = phase('graphql.parse');
          return async (error) => parse?.end(error ? 'error' : 'ok');
        },
        async validationDidStart() {
          const validate = phase('graphql.validate');
          return async (errors) => validate?.end(errors?.length ? 'error' : 'ok');
        },
        async didResolveOperation({ operation }) {
          if (operation) request.setAttributes({ 'graphql.operation.type': operation.operation });
        },
        async executionDidStart() {
          const execute = phase('graphql.execute');
          traces.set(contextValue, { parent: execute?.context ?? request.context, subgraphAt });
          return {
            async executionDidEnd(error) {
              execute?.end(error ? 'error' : 'ok');
              traces.set(contextValue, { parent: request.context, subgraphAt });
            },
          };
        },
        async willSendResponse({ response }) {
          const errors =
            response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
          request.end(errors > 0 ? 'error' : 'ok', { 'hoi.errors': errors });
          traces.delete(contextValue);
        },
      };
    },
  };
}
