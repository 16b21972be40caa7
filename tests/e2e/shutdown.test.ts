/**
 * Graceful shutdown (issue 14; DESIGN §7) of a compiled service process: on SIGTERM `/ready`
 * answers 503 at once while the drain lasts (requests are still served), then the listener
 * closes, the request in flight completes and the process exits 0; a request that outlives
 * SHUTDOWN_TIMEOUT_MS does not hold the process: it exits 1 at the deadline.
 *
 * The service is the cases subgraph reading its source over HTTP from an upstream in this
 * process that holds its answer until the test lets it go, so "in flight" lasts exactly as
 * long as the test needs.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessContextSigner, createAccessGrants } from '@hoi/access';
import { SECTOR_AREAS } from '@hoi/domain';
import { startService, stopProcess, type ServiceProcess } from '../helpers/processes.js';

const SECRET = 'e2e-shutdown-access-context-secret-0123456789';
const CPR = '010190-1234';

/** The case index, answering a batch only when released. */
interface Upstream {
  readonly url: string;
  /** Resolves when the next batch request has arrived (the subgraph's call is in flight). */
  nextBatch(): Promise<void>;
  /** Answers every held batch (an empty case list per CPR). */
  release(): void;
  close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
  let held: (() => void)[] = [];
  let arrived: (() => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/sources/case-index/health') {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { cprs } = JSON.parse(body) as { cprs: string[] };
      held.push(() => {
        const text = JSON.stringify({ results: cprs.map(() => []) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(text);
      });
      arrived?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    nextBatch: () => new Promise<void>((resolve) => (arrived = resolve)),
    release() {
      const answers = held;
      held = [];
      for (const answer of answers) answer();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** One request on a connection of its own (no pool: a closed listener shows as refused). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The cases of {@link CPR}, as the gateway asks for them (a signed context and grant). */
async function casesRequest(graphqlUrl: string): Promise<Answer> {
  const principal = { sub: 'cw-shutdown', role: 'caseworker' as const, areas: [...SECTOR_AREAS] };
  const accessGrant = createAccessGrants(SECRET).sign(CPR, SECTOR_AREAS, {
    sub: principal.sub,
    version: 0,
  });
  const body = {
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { cases { id } } } }',
    variables: { r: [{ __typename: 'Citizen', cpr: CPR, accessGrant }] },
  };
  const context = await createAccessContextSigner(SECRET)(
    { principal, requestId: 'shutdown-e2e', operationName: null },
    body,
  );
  return send(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hoi-access-context': context },
    body: JSON.stringify(body),
  });
}

/** Polls until `check` holds (or fails the test after `timeoutMs`). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const refused = (url: string) =>
  send(url).then(
    () => false,
    (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED',
  );

let upstream: Upstream;
const running: ServiceProcess[] = [];

beforeAll(async () => {
  upstream = await startUpstream();
});

afterAll(async () => {
  for (const p of running) await stopProcess(p.child, 'SIGKILL');
  upstream.release();
  await upstream.close();
});

async function startCases(env: Record<string, string>, logs: string[]) {
  const service = await startService(
    'subgraphs/cases/dist/index.js',
    {
      NODE_ENV: 'development',
      CASES_PORT: '0',
      ACCESS_CONTEXT_SECRET: SECRET,
      SOURCE_MODE: 'http',
      CASES_SOURCE_URL: upstream.url,
      // The held call must outlive the shutdown, not the source's own budget.
      CASES_SOURCE_TIMEOUT_MS: '60000',
      CASES_SOURCE_RETRIES: '0',
      CACHE_MODE: 'off',
      ...env,
    },
    logs,
  );
  running.push(service);
  return { service, base: service.url.replace(/\/graphql$/, '') };
}

const exitOf = (service: ServiceProcess) =>
  new Promise<number | null>((resolve) => service.child.once('exit', (code) => resolve(code)));

describe('SIGTERM', () => {
  it('turns /ready 503 during the drain, completes the request in flight, exits 0', async () => {
    const logs: string[] = [];
    const { service, base } = await startCases(
      { SHUTDOWN_DRAIN_MS: '1500', SHUTDOWN_TIMEOUT_MS: '10000' },
      logs,
    );
    expect((await send(`${base}/ready`)).status).toBe(200);

    const batch = upstream.nextBatch();
    const inFlight = casesRequest(service.url);
    await batch;
    const exited = exitOf(service);
    const signalled = Date.now();
    service.child.kill('SIGTERM');

    await until(async () => (await send(`${base}/ready`)).status === 503, '/ready to turn 503');
    const ready = await send(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ ready: false, shuttingDown: true });
    expect(ready.headers.connection).toBe('close');
    // Still serving while the load balancer notices.
    expect((await send(`${base}/health`)).status).toBe(200);

    // The drain ends: the listener closes while the request is still in flight.
    await until(() => refused(`${base}/health`), 'the listener to close');
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1400);
    upstream.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { _entities: [{ cases: [] }] } });
    expect(await exited, logs.join('')).toBe(0);
    expect(logs.join('')).toContain('"drainMs":1500');
  });

  it('exits 1 at the deadline when a request outlives it', async () => {
    const logs: string[] = [];
    const { service } = await startCases(
      { SHUTDOWN_DRAIN_MS: '200', SHUTDOWN_TIMEOUT_MS: '1000' },
      logs,
    );
    const batch = upstream.nextBatch();
    const inFlight = casesRequest(service.url).then(
      () => 'answered',
      () => 'cut off',
    );
    await batch;
    const exited = exitOf(service);
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    expect(await exited, logs.join('')).toBe(1);
    const elapsed = Date.now() - signalled;
    expect(elapsed).toBeGreaterThanOrEqual(1200);
    expect(elapsed).toBeLessThan(5_000);
    expect(await inFlight).toBe('cut off');
    expect(logs.join('')).toContain('shutdown deadline passed');
    upstream.release();
  });
});
