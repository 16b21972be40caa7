/**
 * The source simulator (DESIGN §5): serves the synthetic dataset per source over REST/JSON,
 * with faults injected per source, so tests and benchmarks exercise the real network path.
 *
 * Routes (CPRs travel only in request bodies, never in URLs, so no access log holds one):
 * - `POST /sources/<source>/citizens:batch` `{"cprs": [...]}` → `{"results": [...]}`, one
 *   result per CPR in order (a citizen the dataset does not hold gets `[]`, or `null` for
 *   employment-dfdg).
 * - `GET /sources/<source>/citizens:export`: the source's bulk export, every citizen of the
 *   dataset as NDJSON `{"cpr": …, "result": …}` lines in index order, then
 *   `{"end": true, "citizens": n}` (@hoi/sources citizenExport.ts). The faults apply once per
 *   export: dropped, delayed, an error status, cut half-way (malformed, reset), or every
 *   result of the wrong shape.
 * - `GET /sources/<source>/health`: 200 while the source is not down.
 * - `GET /health`.
 * - `GET /admin/faults[/<source>]`; `PUT` replaces a source's faults (fields left out are
 *   healthy), `PATCH` changes only the fields given, `DELETE` restores the start-up faults.
 *   Without `<source>`, PUT/PATCH/DELETE apply to every source.
 * - `POST /admin/outage` `{"durationMs": n}`: closes the listener (connections are refused)
 *   for n ms, then listens again on the same port.
 * - `GET /admin/stats`: batch requests and exports received per source since start.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dataset } from '@hoi/dataset';
import { closeServer, type Logger, sendJson } from '@hoi/platform';
import { decideFault, FaultsError, HEALTHY, parseFaults, type Faults } from './faults.js';
import { exportLine, isSourceName, SOURCE_NAMES, SOURCES, type SourceName } from '@hoi/sources';
import { createExportTexts, writeExport } from './export.js';
import { wrongShape } from './sources.js';

/** Options of {@link createSimulator}. */
export interface SimulatorOptions {
  readonly dataset: Dataset;
  /** Faults per source at start (and after DELETE). @default healthy */
  readonly faults?: Readonly<Partial<Record<SourceName, Faults>>>;
  readonly logger?: Logger;
  /** Most CPRs in one batch request. @default 1000 */
  readonly maxBatch?: number;
}

/** A simulator: an HTTP server plus its fault controls. */
export interface Simulator {
  readonly http: Server;
  /** The base URL once listening (e.g. `http://127.0.0.1:4010`). */
  readonly url: string;
  faults(source: SourceName): Faults;
  setFaults(source: SourceName, faults: Faults): void;
  /** Restores the start-up faults of one source, or of all. */
  resetFaults(source?: SourceName): void;
  listen(port: number, host?: string): Promise<string>;
  /** An outage: closes the listener and every connection; new connections are refused. */
  pause(): Promise<void>;
  /** Listens again on the same port after {@link pause}. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_048_576;
const MAX_OUTAGE_MS = 600_000;

class BadRequest extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
}

function cprsOf(body: unknown, max: number): string[] {
  const cprs = (body as { cprs?: unknown } | undefined)?.cprs;
  if (!Array.isArray(cprs) || !cprs.every((c): c is string => typeof c === 'string')) {
    throw new BadRequest('expected {"cprs": [string, ...]}');
  }
  if (cprs.length > max) throw new BadRequest(`at most ${max} CPRs per batch, got ${cprs.length}`);
  return cprs;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates (does not start) a simulator over `dataset`. */
export function createSimulator(options: SimulatorOptions): Simulator {
  const initial = Object.fromEntries(
    SOURCE_NAMES.map((s) => [s, options.faults?.[s] ?? HEALTHY]),
  ) as Record<SourceName, Faults>;
  const current: Record<SourceName, Faults> = { ...initial };
  const maxBatch = options.maxBatch ?? 1000;
  const received = Object.fromEntries(SOURCE_NAMES.map((s) => [s, 0])) as Record<
    SourceName,
    number
  >;
  const exports = Object.fromEntries(SOURCE_NAMES.map((s) => [s, 0])) as Record<SourceName, number>;
  const texts = createExportTexts<SourceName>(options.dataset, (source, c) =>
    exportLine(c.cpr, SOURCES[source].project(c)),
  );
  let port = 0;
  let host = '127.0.0.1';
  let url = '';

  const send = (res: ServerResponse, status: number, body: unknown) => {
    // While shutting down, ask clients not to reuse the connection.
    if (!http.listening) res.setHeader('connection', 'close');
    sendJson(res, status, body);
  };

  const batch = async (source: SourceName, req: IncomingMessage, res: ServerResponse) => {
    received[source] += 1;
    const action = decideFault(current[source]);
    if (action.kind === 'drop') return void req.socket.destroy();
    const cprs = cprsOf(await readJson(req), maxBatch);
    if (action.delayMs > 0) await sleep(action.delayMs);
    if (res.destroyed) return;
    if (action.kind === 'error')
      return send(res, action.status, { error: `simulated ${action.status}` });
    if (action.kind === 'wrongShape') return send(res, 200, wrongShape(source, cprs.length));
    const text = JSON.stringify({
      results: cprs.map((cpr) => SOURCES[source].project(options.dataset.byCpr(cpr))),
    });
    if (action.kind === 'malformed') {
      // A complete HTTP answer whose JSON stops half-way.
      const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(cut),
      });
      return void res.end(cut);
    }
    if (action.kind === 'reset') {
      // Promise the whole body, send half, then reset the connection.
      const bytes = Buffer.from(text);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () =>
        res.socket?.resetAndDestroy(),
      );
      return;
    }
    send(res, 200, JSON.parse(text));
  };

  const exportAll = async (source: SourceName, req: IncomingMessage, res: ServerResponse) => {
    exports[source] += 1;
    const action = decideFault(current[source]);
    if (action.kind === 'drop') return void req.socket.destroy();
    const { size } = options.dataset;
    if (action.kind === 'wrongShape') {
      // Every result of the wrong shape: the CPRs alone, nothing to generate.
      const bad = JSON.stringify((wrongShape(source, 1) as { results: unknown[] }).results[0]);
      const text = (k: number) => {
        let lines = '';
        for (let i = k * texts.chunkSize; i < Math.min(size, (k + 1) * texts.chunkSize); i++)
          lines += `{"cpr":"${options.dataset.cprAt(i)}","result":${bad}}\n`;
        return lines;
      };
      if (action.delayMs > 0) await sleep(action.delayMs);
      if (res.destroyed) return;
      return writeExport(res, size, texts.chunks, text);
    }
    // Joins the exports running now before its first chunk is made (they share chunks).
    const end = action.kind === 'error' ? () => undefined : texts.begin(source);
    try {
      if (action.delayMs > 0) await sleep(action.delayMs);
      if (res.destroyed) return;
      if (action.kind === 'error')
        return send(res, action.status, { error: `simulated ${action.status}` });
      const ending = action.kind === 'ok' ? 'whole' : action.kind;
      await writeExport(res, size, texts.chunks, (k) => texts.text(k, source), ending);
    } finally {
      end();
    }
  };

  const admin = async (parts: readonly string[], req: IncomingMessage, res: ServerResponse) => {
    if (parts[1] === 'outage' && req.method === 'POST') {
      const ms = ((await readJson(req)) as { durationMs?: unknown } | undefined)?.durationMs;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1 || ms > MAX_OUTAGE_MS) {
        throw new BadRequest(`expected {"durationMs": integer from 1 to ${MAX_OUTAGE_MS}}`);
      }
      send(res, 202, { outageMs: ms });
      res.once('finish', () => {
        options.logger?.warn({ durationMs: ms }, 'simulated outage: refusing connections');
        void simulator.pause().then(() => setTimeout(() => void simulator.resume(), ms));
      });
      return;
    }
    if (parts[1] === 'stats' && parts.length === 2 && req.method === 'GET')
      return send(res, 200, {
        requests: received,
        exports,
        exportChunksGenerated: texts.generated,
      });
    if (parts[1] !== 'faults' || parts.length > 3) return send(res, 404, { error: 'not found' });
    const name = parts[2];
    if (name !== undefined && !isSourceName(name))
      return send(res, 404, { error: `unknown source "${name}"` });
    const targets: readonly SourceName[] = name ? [name] : SOURCE_NAMES;
    const view = () => (name ? current[name] : { sources: current });
    switch (req.method) {
      case 'GET':
        return send(res, 200, view());
      case 'PUT':
      case 'PATCH': {
        const body = await readJson(req);
        const next = targets.map(
          (s) => [s, parseFaults(body, req.method === 'PUT' ? HEALTHY : current[s])] as const,
        );
        for (const [s, f] of next) current[s] = f;
        options.logger?.info({ sources: targets, faults: body }, 'faults changed');
        return send(res, 200, view());
      }
      case 'DELETE':
        for (const s of targets) current[s] = initial[s];
        options.logger?.info({ sources: targets }, 'faults reset');
        return send(res, 200, view());
      default:
        res.writeHead(405, { allow: 'GET, PUT, PATCH, DELETE' });
        return void res.end();
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const parts = new URL(req.url ?? '/', 'http://simulator').pathname.split('/').filter(Boolean);
    if (parts.length === 1 && parts[0] === 'health' && req.method === 'GET')
      return send(res, 200, { status: 'ok' });
    if (parts[0] === 'admin') return admin(parts, req, res);
    const source = parts[1];
    if (
      parts[0] === 'sources' &&
      parts.length === 3 &&
      source !== undefined &&
      isSourceName(source)
    ) {
      if (parts[2] === 'citizens:batch' && req.method === 'POST') return batch(source, req, res);
      if (parts[2] === 'citizens:export' && req.method === 'GET')
        return exportAll(source, req, res);
      if (parts[2] === 'health' && req.method === 'GET') {
        if (current[source].down) return void req.socket.destroy();
        return send(res, 200, { status: 'ok', source });
      }
    }
    send(res, 404, { error: 'not found' });
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return void res.destroy();
      if (err instanceof BadRequest || err instanceof FaultsError)
        send(res, 400, { error: err.message });
      else {
        options.logger?.error({ err }, 'simulator error');
        send(res, 500, { error: 'internal error' });
      }
    });
  });
  http.keepAliveTimeout = 65_000;

  const startListening = () =>
    new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => {
        http.off('error', reject);
        resolve();
      });
    });

  const simulator: Simulator = {
    http,
    get url() {
      return url;
    },
    faults: (source) => current[source],
    setFaults: (source, faults) => void (current[source] = faults),
    resetFaults: (source) => {
      for (const s of source ? [source] : SOURCE_NAMES) current[s] = initial[s];
    },
    async listen(p, h = '127.0.0.1') {
      port = p;
      host = h;
      await startListening();
      port = (http.address() as AddressInfo).port;
      url = `http://${host}:${port}`;
      return url;
    },
    async pause() {
      if (!http.listening) return;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
    async resume() {
      if (!http.listening) await startListening();
    },
    async close() {
      if (http.listening) await closeServer(http);
    },
  };
  return simulator;
}
