/**
 * Peer 2 for the benchmark: Hive Gateway (the @graphql-hive/gateway runtime) on the same
 * supergraph with its defaults. Like the other peer it adds what our subgraphs require of any
 * caller: an access context per subgraph request, bound to its body, for the caller the bench's
 * JWT names (not verified).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { ACCESS_CONTEXT_HEADER, createAccessContextSigner, type SignedBody } from '@hoi/access';
import { benchPrincipalOf } from './benchPrincipal.js';

const sign = createAccessContextSigner(process.env.ACCESS_CONTEXT_SECRET ?? '');
const urls: Record<string, string | undefined> = {
  CONSENT: process.env.CONSENT_URL,
  CASES: process.env.CASES_URL,
  BENEFITS: process.env.BENEFITS_URL,
  INTERVENTIONS: process.env.INTERVENTIONS_URL,
  EMPLOYMENT: process.env.EMPLOYMENT_URL,
  SCREENING: process.env.SCREENING_URL,
  PLAN: process.env.PLAN_URL,
};
// The runtime reads routing URLs from the supergraph's join__graph directives.
let supergraph = readFileSync(process.env.SUPERGRAPH_FILE ?? 'supergraph.graphql', 'utf8');
for (const [graph, url] of Object.entries(urls)) {
  if (url)
    supergraph = supergraph.replace(
      new RegExp(`(${graph} @join__graph\\(name: "\\w+", url: ")[^"]*`),
      `$1${url}`,
    );
}

const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  plugins: () => [
    {
      async onFetch({ options, setOptions, context }) {
        const body = JSON.parse(String(options.body ?? '{}')) as SignedBody;
        const request = (context as { request?: Request } | undefined)?.request;
        const token = await sign(
          {
            principal: benchPrincipalOf(request?.headers.get('authorization')),
            requestId: randomUUID(),
            operationName: null,
          },
          body,
        );
        setOptions({
          ...options,
          headers: {
            ...(options.headers as Record<string, string>),
            [ACCESS_CONTEXT_HEADER]: token,
          },
        });
      },
    },
  ],
});
const port = Number(process.env.PORT ?? 4200);
createServer(gateway).listen(port, '127.0.0.1', () =>
  console.log(`hive gateway peer listening at http://127.0.0.1:${port}/graphql`),
);
