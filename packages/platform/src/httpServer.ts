/**
 * A lean node:http integration for Apollo Server (its documented
 * `executeHTTPGraphQLRequest` API), shared by the gateway and the subgraphs. Express or a
 * framework would add per-request work on the hot path and give us nothing we use.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** A handler for a non-GraphQL route (health, metrics, playground). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A handler for a non-GraphQL POST route, given its JSON body. */
export type PostRouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
) => void | Promise<void>;

/** Largest body a POST route accepts: they take small JSON messages, not documents. */
const POST_ROUTE_MAX_BYTES = 16_384;

/** Options of {@link createGraphQLHttpServer}. */
export interface GraphQLHttpOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  /**
   * Builds the per-request context from the request and its parsed body (undefined for GET);
   * may throw a GraphQLError (e.g. UNAUTHENTICATED).
   */
  readonly context: (req: IncomingMessage, body: unknown) => Promise<TContext>;
  /** @default '/graphql' */
  readonly path?: string;
  /** Extra GET routes by exact path. */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
  /** Extra POST routes by exact path, with a JSON body of at most 16 KiB. */
  readonly postRoutes?: Readonly<Record<string, PostRouteHandler>>;
  /** Serves GET on the GraphQL path when it is not a GraphQL request (e.g. a browser). */
  readonly landingPage?: RouteHandler;
  /**
   * Largest accepted request body in bytes; a larger one is OPERATION_LIMIT_EXCEEDED (413)
   * without being read. @default 1_048_576
   */
  readonly maxBodyBytes?: number;
  /**
   * The `extensions.limit` a too-large body is refused with: the gateway derives its body
   * limit from the token limit and says so. @default 'bodySize'
   */
  readonly bodyLimitName?: string;
  /**
   * Browser origins allowed to call the GraphQL path from another origin (CORS): exact
   * origins, e.g. `https://overblik.kommune.dk`. Empty: no cross-origin access. @default []
   */
  readonly corsOrigins?: readonly string[];
  /**
   * The durable writes a request's answer waits for, or null when there are none or they are
   * already awaited. With a promise, the answer is sent at once as a held answer (see
   * {@link HELD_ANSWER_HEADER}) and confirmed when the promise settles.
   */
  readonly held?: (context: TContext) => Promise<void> | null;
}

/**
 * A held answer: the GraphQL answer is sent at once, before the request's durable writes (its
 * audit record) have committed, and {@link HeldConfirmation} follows it in the same body once
 * they have. The header gives the answer's length in bytes. Only a caller that said it reads
 * held answers gets one (the signed access context's `heldAnswers`): our gateway, which sends
 * nothing to its client before the confirmation, so the subgraphs' work runs alongside the
 * commit instead of after it, and no data leaves before its audit record is durable.
 */
export const HELD_ANSWER_HEADER = 'x-hoi-held-answer';

/** What follows a held answer: whether the request's durable writes committed. */
export interface HeldConfirmation {
  readonly committed: boolean;
}

/** Headers a cross-origin caller may send, and how long a browser may cache the preflight. */
const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, x-request-id, apollo-require-preflight, traceparent',
  'access-control-max-age': '600',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function wantsHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html');
}

/** Creates (does not start) an HTTP server for an Apollo Server. */
export function createGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>,
): Server {
  const path = options.path ?? '/graphql';
  const limit = options.maxBodyBytes ?? 1_048_576;
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // CORS on the GraphQL path, for allowed origins only: every answer names the origin (and
    // varies by it); a preflight is answered here, before anything else runs.
    const origin = req.headers.origin;
    const crossOrigin =
      url.pathname === path && typeof origin === 'string' && corsOrigins.has(origin);
    if (corsOrigins.size > 0 && url.pathname === path) res.setHeader('vary', 'Origin');
    if (crossOrigin) res.setHeader('access-control-allow-origin', origin);
    if (req.method === 'OPTIONS' && crossOrigin) {
      res.writeHead(204, CORS_HEADERS);
      return void res.end();
    }
    const route = req.method === 'GET' ? options.routes?.[url.pathname] : undefined;
    if (route) return route(req, res);
    const postRoute = req.method === 'POST' ? options.postRoutes?.[url.pathname] : undefined;
    if (postRoute) {
      const announced = Number(req.headers['content-length'] ?? 0);
      const text =
        announced > POST_ROUTE_MAX_BYTES ? null : await readBody(req, POST_ROUTE_MAX_BYTES);
      if (text === null) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, {
          errors: [
            {
              message: `The request body is larger than ${POST_ROUTE_MAX_BYTES} bytes`,
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return sendJson(res, 400, {
          errors: [
            { message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } },
          ],
        });
      }
      return postRoute(req, res, parsed);
    }
    if (
      url.pathname !== path &&
      !(url.pathname === '/' && req.method === 'GET' && options.landingPage)
    ) {
      return sendJson(res, 404, { error: 'not found' });
    }
    // A browser's navigation gets the page, also with `?query=` (GraphiQL keeps the query
    // in the address, so a reload has one); API clients ask for JSON.
    if (req.method === 'GET' && options.landingPage && wantsHtml(req)) {
      return options.landingPage(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      // A preflight from an origin not allowed: no CORS headers, so the browser refuses.
      res.writeHead(405, { allow: 'GET, POST' });
      return void res.end();
    }
    let body: unknown;
    if (req.method === 'POST') {
      // A body announced larger than the limit is refused before a byte of it is read (an
      // alias bomb costs no parsing); one that grows past it while read, as soon as it does.
      // Either way the connection closes, so the rest is never read.
      const announced = Number(req.headers['content-length'] ?? 0);
      const text = announced > limit ? null : await readBody(req, limit);
      if (text === null) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, {
          errors: [
            {
              message: `The request body is larger than ${limit} bytes: no document within the operation limits is that large`,
              extensions: {
                code: 'OPERATION_LIMIT_EXCEEDED',
                limit: options.bodyLimitName ?? 'bodySize',
                max: limit,
              },
            },
          ],
        });
      }
      try {
        body = text.length > 0 ? JSON.parse(text) : {};
      } catch {
        return sendJson(res, 400, {
          errors: [
            { message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } },
          ],
        });
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let context: TContext | undefined;
    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
      context: async () => (context = await options.context(req, body)),
    });
    const outHeaders: Record<string, string> = {};
    for (const [key, value] of result.headers) outHeaders[key] = value;
    // Shutting down (closeServer): this answer is the connection's last, so it can close.
    if (!server.listening) outHeaders.connection = 'close';
    const held = context && options.held ? options.held(context) : null;
    if (held && result.body.kind === 'complete') {
      const answer = Buffer.from(result.body.string, 'utf8');
      outHeaders[HELD_ANSWER_HEADER] = String(answer.length);
      res.writeHead(result.status ?? 200, outHeaders);
      res.write(answer);
      const confirmation: HeldConfirmation = {
        committed: await held.then(
          () => true,
          () => false,
        ),
      };
      res.end(JSON.stringify(confirmation));
      return;
    }
    // A held write whose answer cannot be held (none of ours streams) is awaited first.
    if (held) await held;
    if (result.body.kind === 'complete') {
      outHeaders['content-length'] = String(Buffer.byteLength(result.body.string));
      res.writeHead(result.status ?? 200, outHeaders);
      res.end(result.body.string);
      return;
    }
    res.writeHead(result.status ?? 200, outHeaders);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
  const server = createServer((req, res) => {
    if (!server.listening) res.setHeader('connection', 'close');
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [
            { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ],
        });
      else res.destroy(err instanceof Error ? err : undefined);
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Starts listening; resolves the base URL (port 0 picks a free port). */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}

/**
 * Stops accepting connections and resolves when in-flight requests have finished. A
 * keep-alive connection that finishes its request after `close()` would otherwise stay open
 * until its keep-alive timeout (Node closes only the connections idle at that moment), so
 * answers sent while closing say `connection: close`, and idle connections are swept.
 */
export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export { sendJson };
