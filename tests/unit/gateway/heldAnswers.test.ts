/**
 * The gateway's reading of held answers (HELD_ANSWER_HEADER): the answer is usable once its
 * bytes are in, and its confirmation resolves only for `{"committed":true}` after it; anything
 * else (a failed commit, a body cut short, no confirmation) rejects, so the gateway withholds.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HELD_ANSWER_HEADER } from '@hoi/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferedResponse, createUndiciFetcher } from '@hoi/gateway';

const ANSWER = JSON.stringify({ data: { citizen: { cpr: '010170-1234', note: 'æøå' } } });

/** What the test server sends after the answer, per path; null: it breaks the connection. */
const tails: Record<string, string | null> = {
  '/committed': '{"committed":true}',
  '/failed': '{"committed":false}',
  '/none': '',
  '/garbled': '{"commit',
  '/cut': null,
};

let server: Server;
let base: string;
let releaseTail: () => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = Buffer.from(ANSWER, 'utf8');
    const path = req.url ?? '/';
    if (path === '/short') {
      res.writeHead(200, { 'content-type': 'application/json', [HELD_ANSWER_HEADER]: '9999' });
      res.end(answer);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      [HELD_ANSWER_HEADER]: String(answer.length),
    });
    res.write(answer);
    // The tail comes when the test says so: the answer must be usable before it.
    releaseTail = () => {
      const tail = tails[path];
      if (tail === null) res.destroy();
      else res.end(tail);
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const fetcher = createUndiciFetcher();

async function heldFrom(path: string): Promise<BufferedResponse> {
  const res = await fetcher(`${base}${path}`, { method: 'POST', body: '{}' });
  expect(res).toBeInstanceOf(BufferedResponse);
  return res as BufferedResponse;
}

describe('held answers', () => {
  it('give the answer before the confirmation, which resolves once committed', async () => {
    const res = await heldFrom('/committed');
    expect(await res.json()).toEqual(JSON.parse(ANSWER));
    let settled = false;
    void res.confirmation?.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    releaseTail();
    await expect(res.confirmation).resolves.toBeUndefined();
  });

  it.each(['/failed', '/none', '/garbled', '/cut'])(
    'reject the confirmation when the tail is %s',
    async (path) => {
      const res = await heldFrom(path);
      expect(await res.json()).toEqual(JSON.parse(ANSWER));
      releaseTail();
      await expect(res.confirmation).rejects.toThrow(/not confirmed|terminated|other side closed/);
    },
  );

  it('refuse an answer shorter than announced', async () => {
    await expect(heldFrom('/short')).rejects.toThrow(/ended early|terminated|other side closed/);
  });
});
