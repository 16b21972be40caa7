/**
 * A server span around each request an HTTP server handles, in the context the caller sent
 * (W3C `traceparent`), active for everything the request does.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type SpanAttributes, type SpanName, TRACER_NAME } from './spans.js';
import { tracingApi } from './tracingApi.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps the server's `request` listeners: while tracing is on, each request for which
 * `traced` is true runs in a SERVER span named `name`, a child of the context extracted
 * from its headers, and ended when the response closes (with its status). Wrapping the
 * listener, not a framework hook, is what makes the span the active one for the whole
 * handling (the GraphQL execution, its sources, database and cache included).
 */
export function traceHttpServer(
  server: Server,
  name: SpanName,
  attributes: SpanAttributes,
  traced: (req: IncomingMessage) => boolean = () => true,
): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  for (const listener of listeners) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const api = tracingApi();
      if (!api || !traced(req)) return listener.call(server, req, res);
      const parent = api.propagation.extract(api.ROOT_CONTEXT, req.headers);
      const span = api.trace
        .getTracer(TRACER_NAME)
        .startSpan(name, { kind: api.SpanKind.SERVER, attributes }, parent);
      res.once('close', () => {
        span.setAttributes({
          'http.response.status_code': res.statusCode,
          'hoi.outcome': res.statusCode < 400 && res.writableFinished ? 'ok' : 'error',
        } satisfies SpanAttributes);
        span.end();
      });
      api.context.with(api.trace.setSpan(parent, span), () => listener.call(server, req, res));
    });
  }
}
