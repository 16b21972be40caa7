/**
 * The gateway→subgraph access context (DESIGN §4): who is asking, for which request body,
 * for how long; nothing else verifies.
 */
import { describe, expect, it } from 'vitest';
import {
  ACCESS_CONTEXT_TTL_SECONDS,
  bodyHash,
  createAccessContextSigner,
  createAccessContextVerifier,
  type AccessContext,
} from '@hoi/access';

const SECRET = 'access-context-test-secret-0123456789abcdef';
const sign = createAccessContextSigner(SECRET);
const verify = createAccessContextVerifier(SECRET);
const ctx: AccessContext = {
  principal: { sub: 'cw-1', role: 'caseworker', areas: ['HEALTH'], org: 'Jobcenter Nord' },
  requestId: 'req-1',
  operationName: 'Overview',
};
const body = {
  query: 'query($c: CPR!) { citizen(cpr: $c) { cpr } }',
  variables: { c: '010180-1234' },
};

describe('access context', () => {
  it('round-trips the principal, request id and operation for its body', async () => {
    expect(await verify(await sign(ctx, body), body)).toEqual(ctx);
    expect(await verify(await sign({ ...ctx, principal: null }, body), body)).toMatchObject({
      principal: null,
    });
  });

  it('is bound to the body: same query and variables in another order verify, others do not', async () => {
    const token = await sign(ctx, {
      query: body.query,
      variables: { b: 1, a: [1, { y: 2, x: 1 }] },
    });
    expect(
      await verify(token, { variables: { a: [1, { x: 1, y: 2 }], b: 1 }, query: body.query }),
    ).not.toBeNull();
    expect(
      await verify(token, { query: body.query, variables: { b: 2, a: [1, { y: 2, x: 1 }] } }),
    ).toBeNull();
    expect(
      await verify(token, { query: `${body.query} `, variables: { b: 1, a: [1, { y: 2, x: 1 }] } }),
    ).toBeNull();
    expect(await verify(token, undefined)).toBeNull();
    expect(bodyHash({ query: 'q' })).toBe(bodyHash({ query: 'q', variables: {} }));
  });

  it('refuses another secret, a tampered claim, an expired or a future one, and garbage', async () => {
    const token = await sign(ctx, body);
    const [v, part, mac] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const widened = Buffer.from(
      JSON.stringify({ ...claims, areas: ['HEALTH', 'ADDICTION'] }),
    ).toString('base64url');
    const now = Date.now();
    for (const bad of [
      await createAccessContextSigner('another-secret-another-secret-0123456789')(ctx, body),
      `${v}.${widened}.${mac}`,
      await sign(ctx, body, now - (ACCESS_CONTEXT_TTL_SECONDS + 1) * 1000),
      await sign(ctx, body, now + 60_000),
      'garbage',
      `${v}.${part}.${'A'.repeat(43)}`,
      undefined,
    ]) {
      expect(await verify(bad, body, now)).toBeNull();
    }
  });

  it('refuses a token whose principal claims are malformed', async () => {
    const token = await sign(
      { ...ctx, principal: { sub: 'x', role: 'screener', areas: ['HEALTH'] } },
      body,
    );
    expect(await verify(token, body)).toBeNull();
  });
});
