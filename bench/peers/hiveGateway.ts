/**
 * Peer 2 for the benchmark: Hive Gateway (the @graphql-hive/gateway runtime) on the same
 * supergraph with its defaults. Like the other peer it forwards the access context the bench
 * signed, which our subgraphs require of any caller.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const HEADER = 'x-hoi-access-context';
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
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const value = request.headers.get(HEADER);
      return value ? { [HEADER]: value } : {};
    },
  },
});
const port = Number(process.env.PORT ?? 4200);
createServer(gateway).listen(port, '127.0.0.1', () =>
  console.log(`hive gateway peer listening at http://127.0.0.1:${port}/graphql`),
);
