/**
 * The offline GraphQL playground: GraphiQL with every script, style and worker inlined
 * (@graphql-yoga/render-graphiql), so it loads nothing from outside the machine. Municipal
 * networks have no CDN access.
 */
import type { RouteHandler } from '@hoi/platform';

const DEFAULT_QUERY = `# hoi-gateway: the HOI citizen overview.
# Citizen data needs a token: run \`npm run --silent token -- --role caseworker --areas EMPLOYMENT,HEALTH\`
# and add {"Authorization": "Bearer <token>"} under Headers below.
# Find citizens with data: \`npm run --silent dataset:sample -- 5\`
query Overview($cpr: CPR!) {
  citizen(cpr: $cpr) {
    cpr
    access { area visible basis }
    consent { status areas validUntil }
    cases { title area kle status openedAt }
    benefits { name area status period { start end } }
    interventions { title area legalBasis status }
    employment { contactGroup visitation jobGoals }
  }
}
`;

/**
 * Serves the playground page, rendered once on first use. Its module (~9 MB of inlined
 * assets) is loaded then too, not at start: it was half of the gateway's start-up work.
 */
export function createPlaygroundHandler(endpoint = '/graphql'): RouteHandler {
  let page: Promise<Buffer> | undefined;
  const render = async () => {
    const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
    return Buffer.from(
      renderGraphiQL({ endpoint, title: 'hoi-gateway playground', defaultQuery: DEFAULT_QUERY }),
      'utf8',
    );
  };
  return async (_req, res) => {
    page ??= render();
    const body = await page;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      // The page may only talk to this gateway.
      'content-security-policy':
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'",
    });
    res.end(body);
  };
}
