/**
 * Peer 1 for the benchmark: plain @apollo/gateway with Apollo Server and nothing added
 * (default fetcher, no caches beyond its own query plan cache). The only addition is what our
 * subgraphs require of any caller: an access context per subgraph request, bound to its body,
 * for the caller the bench's JWT names (the peers do not verify it).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ACCESS_CONTEXT_HEADER, createAccessContextSigner } from '@hoi/access';
import { benchPrincipalOf } from './benchPrincipal.js';

const sign = createAccessContextSigner(process.env.ACCESS_CONTEXT_SECRET ?? '');
// Apollo's own documented switch: without it the gateway probes cloud metadata addresses and
// exports telemetry to Apollo, which these machines must not attempt (loopback only).
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const supergraphSdl = readFileSync(process.env.SUPERGRAPH_FILE ?? 'supergraph.graphql', 'utf8');
const urls: Record<string, string | undefined> = {
  consent: process.env.CONSENT_URL,
  cases: process.env.CASES_URL,
  benefits: process.env.BENEFITS_URL,
  interventions: process.env.INTERVENTIONS_URL,
  employment: process.env.EMPLOYMENT_URL,
  screening: process.env.SCREENING_URL,
  plan: process.env.PLAN_URL,
};

interface Context {
  requestId: string;
  authorization: string | undefined;
}

const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ name, url }) =>
    new (class extends RemoteGraphQLDataSource<Context> {
      override async willSendRequest({
        request,
        context,
      }: Parameters<RemoteGraphQLDataSource<Context>['willSendRequest'] & {}>[0]) {
        if (!context.requestId) return;
        request.http?.headers.set(
          ACCESS_CONTEXT_HEADER,
          await sign(
            {
              principal: benchPrincipalOf(context.authorization),
              requestId: context.requestId,
              operationName: null,
            },
            { query: request.query, variables: request.variables },
          ),
        );
      }
    })({ url: urls[name] ?? url }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 4100), host: '127.0.0.1' },
  context: async ({ req }) => ({
    requestId: randomUUID(),
    authorization: req.headers.authorization,
  }),
});
console.log(`apollo gateway peer listening at ${url}`);
