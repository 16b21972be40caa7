/**
 * The HTTP source adapter against a node:http upstream on port 0 (and undici's MockAgent):
 * batching, retries with backoff, the time budget, validation, the circuit breaker, readiness.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpCitizenSource, type HttpSourceOptions, recordGuards } from '@hoi/sources';
import { createMetrics } from '@hoi/platform';

type Handler = (body: { cprs: string[] }, req: IncomingMessage, res: ServerResponse) => void;

interface Upstream {
  readonly url: string;
  readonly requests: { path: string; body: { cprs: string[] } }[];
  close(): Promise<void>;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const close of open.splice(0)) await close();
});

async function upstream(handler: Handler): Promise<Upstream> {
  const requests: Upstream['requests'] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      if (req.method === 'GET') return void res.end('ok');
      const body = JSON.parse(text) as { cprs: string[] };
      requests.push({ path: req.url ?? '', body });
      handler(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  open.push(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const { arrayOf, object, string } = recordGuards;
const titles = (value: unknown) => arrayOf(value, (v) => ({ title: string(object(v), 'title') }));

function source(url: string, options: Partial<HttpSourceOptions<{ title: string }[]>> = {}) {
  const s = createHttpCitizenSource({
    name: 'test-index',
    baseUrl: url,
    timeoutMs: 500,
    retries: 2,
    backoff: { baseMs: 1, maxMs: 5 },
    validate: titles,
    ...options,
  });
  open.push(() => s.close());
  return s;
}

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a failure');
}

const A = '010180-1234';
const B = '020280-2345';

describe('createHttpCitizenSource', () => {
  it('asks for many citizens in one POST, CPRs in the body only, and answers in order', async () => {
    const up = await upstream((body, _req, res) =>
      json(res, 200, { results: body.cprs.map((c) => [{ title: `t-${c.slice(0, 2)}` }]) }),
    );
    const s = source(up.url);
    expect(await s.fetchMany([A, B])).toEqual([[{ title: 't-01' }], [{ title: 't-02' }]]);
    expect(up.requests).toEqual([
      { path: '/sources/test-index/citizens:batch', body: { cprs: [A, B] } },
    ]);
    expect(await s.fetchMany([])).toEqual([]);
    expect(up.requests).toHaveLength(1);
  });

  it('retries a 503 and answers once the upstream recovers', async () => {
    let n = 0;
    const up = await upstream((body, _req, res) =>
      ++n < 3 ? json(res, 503, {}) : json(res, 200, { results: body.cprs.map(() => []) }),
    );
    const metrics = createMetrics('t', { defaults: false });
    expect(await source(up.url, { metrics }).fetchMany([A])).toEqual([[]]);
    expect(up.requests).toHaveLength(3);
    expect((await metrics.sourceRetries.get()).values).toEqual([
      expect.objectContaining({
        labels: { source: 'test-index', reason: 'HTTP_STATUS' },
        value: 2,
      }),
    ]);
  });

  it('gives up after the retries with SOURCE_UNAVAILABLE, naming the source and the reason', async () => {
    const up = await upstream((_b, _req, res) => json(res, 500, {}));
    expect(await failure(source(up.url).fetchMany([A]))).toEqual({
      code: 'SOURCE_UNAVAILABLE',
      source: 'test-index',
      reason: 'HTTP_STATUS',
    });
    expect(up.requests).toHaveLength(3);
  });

  it('does not retry a 4xx, a malformed body or a wrong shape', async () => {
    for (const [answer, reason] of [
      [(res: ServerResponse) => json(res, 404, {}), 'HTTP_STATUS'],
      [
        (res: ServerResponse) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"results": [[');
        },
        'MALFORMED',
      ],
      [(res: ServerResponse) => json(res, 200, { results: [[{ title: 7 }]] }), 'MALFORMED'],
      [(res: ServerResponse) => json(res, 200, { results: [] }), 'MALFORMED'],
      [(res: ServerResponse) => json(res, 200, { result: [[]] }), 'MALFORMED'],
      [
        (res: ServerResponse) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html>');
        },
        'MALFORMED',
      ],
    ] as const) {
      const up = await upstream((_b, _req, res) => answer(res));
      expect(await failure(source(up.url).fetchMany([A]))).toMatchObject({
        code: 'SOURCE_UNAVAILABLE',
        reason,
      });
      expect(up.requests).toHaveLength(1);
    }
  });

  it('fails the whole batch when one record is wrong: never a half-parsed answer', async () => {
    const up = await upstream((_b, _req, res) =>
      json(res, 200, { results: [[{ title: 'fine' }], [{ title: 'fine' }, { name: 'no title' }]] }),
    );
    const extensions = await failure(source(up.url).fetchMany([A, B]));
    expect(extensions).toMatchObject({ reason: 'MALFORMED' });
  });

  it('keeps the whole call, retries included, within the time budget', async () => {
    // Fake time for the budget: the source's timer and clock (setTimeout, Date.now) are ours
    // to advance, while the socket I/O stays real. So the budget ends at 150 ms exactly,
    // however slow the machine, and the check does not wait for it.
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const up = await upstream(() => arrived()); // never answers
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let settled = false;
    const call = failure(source(up.url, { timeoutMs: 150 }).fetchMany([A])).finally(
      () => (settled = true),
    );
    await reached;
    await vi.advanceTimersByTimeAsync(149);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ reason: 'TIMEOUT' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(up.requests).toHaveLength(1); // a timed-out attempt spent the budget: no retry
  });

  it('retries a connection reset mid-body and a refused connection', async () => {
    let n = 0;
    const up = await upstream((body, _req, res) => {
      if (++n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
        res.write('{"results": [', () => res.socket?.resetAndDestroy());
      } else json(res, 200, { results: body.cprs.map(() => []) });
    });
    expect(await source(up.url).fetchMany([A])).toEqual([[]]);
    expect(n).toBe(2);
    await up.close();
    expect(await failure(source(up.url).fetchMany([A]))).toMatchObject({ reason: 'CONNECTION' });
  });

  it('opens the breaker after failures, fails fast while open, and closes after a healthy trial', async () => {
    let healthy = false;
    const up = await upstream((body, _req, res) =>
      healthy ? json(res, 200, { results: body.cprs.map(() => []) }) : json(res, 503, {}),
    );
    const metrics = createMetrics('t', { defaults: false });
    // Before the breaker exists, so that its reset timer is a fake one (the upstream's
    // sockets stay real: only setTimeout, clearTimeout and Date are faked).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const s = source(up.url, {
      retries: 0,
      metrics,
      breaker: { resetTimeoutMs: 100, volumeThreshold: 2, errorThresholdPercentage: 50 },
    });
    const gauge = async () => (await metrics.breakerState.get()).values[0]?.value;
    expect(await gauge()).toBe(0);
    await failure(s.fetchMany([A]));
    expect(s.breakerState).toBe('closed'); // below the volume threshold
    await failure(s.fetchMany([A]));
    expect(s.breakerState).toBe('open');
    expect(await gauge()).toBe(1);
    const calls = up.requests.length;
    expect(await failure(s.fetchMany([A]))).toMatchObject({
      code: 'SOURCE_UNAVAILABLE',
      reason: 'CIRCUIT_OPEN',
    });
    expect(up.requests).toHaveLength(calls);
    healthy = true;
    // The reset timeout on fake time: open until the full 100 ms have passed, then half-open.
    await vi.advanceTimersByTimeAsync(99);
    expect(s.breakerState).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(s.breakerState).toBe('halfOpen');
    expect(await gauge()).toBe(0.5);
    expect(await s.fetchMany([A])).toEqual([[]]);
    expect(s.breakerState).toBe('closed');
    expect(await gauge()).toBe(0);
  });

  it('is ready while the upstream answers its health route', async () => {
    const up = await upstream(() => undefined);
    const s = source(up.url);
    expect(await s.ready()).toBe(true);
    await up.close();
    expect(await s.ready()).toBe(false);
  });

  it('takes any undici dispatcher (here a MockAgent)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('http://index.example')
      .intercept({
        path: '/base/sources/test-index/citizens:batch',
        method: 'POST',
        body: JSON.stringify({ cprs: [A] }),
      })
      .reply(
        200,
        { results: [[{ title: 'mocked' }]] },
        { headers: { 'content-type': 'application/json' } },
      );
    const s = source('http://index.example/base', { dispatcher: agent });
    expect(await s.fetchMany([A])).toEqual([[{ title: 'mocked' }]]);
    await agent.close();
  });
});
