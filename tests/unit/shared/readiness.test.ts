/** Readiness: a subgraph needs its store and one of its sources; the gateway, the consent subgraph ready. */
import { describe, expect, it } from 'vitest';
import { gatewayReady, parseSubgraphReadiness, subgraphReadiness } from '@hoi/platform';

const source = (name: string, up: boolean | undefined) => ({
  name,
  fetchMany: async () => [],
  ...(up === undefined ? {} : { ready: async () => up }),
});

describe('subgraphReadiness', () => {
  it('is ready with its store and a source up; an in-process source is always up', async () => {
    expect(await subgraphReadiness('cases', undefined, [source('case-index', undefined)])).toEqual({
      ready: true,
      service: 'cases',
      sources: { 'case-index': true },
    });
    expect(
      await subgraphReadiness('consent', async () => true, [source('consent-register', true)]),
    ).toMatchObject({ ready: true, store: true });
  });

  it('is not ready with its store down, or all its sources', async () => {
    expect(
      await subgraphReadiness('consent', async () => false, [source('consent-register', true)]),
    ).toMatchObject({ ready: false, store: false });
    expect(
      await subgraphReadiness(
        'consent',
        async () => {
          throw new Error('db');
        },
        [],
      ),
    ).toMatchObject({ ready: false, store: false });
    expect(
      await subgraphReadiness('cases', undefined, [source('case-index', false)]),
    ).toMatchObject({ ready: false });
  });
});

describe('gatewayReady', () => {
  const probe = (ready: boolean, sources: Record<string, boolean>, store?: boolean) =>
    parseSubgraphReadiness({
      ready,
      service: 's',
      sources,
      ...(store === undefined ? {} : { store }),
    });
  it('stays ready with a data subgraph down, unreachable or without its source', () => {
    const consent = probe(true, { 'consent-register': true }, true);
    expect(gatewayReady({ consent, cases: probe(false, { 'case-index': false }) })).toBe(true);
    expect(gatewayReady({ consent, cases: 'unreachable', benefits: 'unreachable' })).toBe(true);
    expect(gatewayReady({ consent, plan: probe(false, { 'case-index': true }, false) })).toBe(true);
  });
  it('is not ready with the consent subgraph unreachable, without its store or its source', () => {
    const cases = probe(true, { 'case-index': true });
    expect(gatewayReady({ consent: 'unreachable', cases })).toBe(false);
    expect(
      gatewayReady({ consent: probe(false, { 'consent-register': true }, false), cases }),
    ).toBe(false);
    expect(
      gatewayReady({ consent: probe(false, { 'consent-register': false }, true), cases }),
    ).toBe(false);
    expect(gatewayReady({ consent: parseSubgraphReadiness('<html>'), cases })).toBe(false);
    expect(gatewayReady({ cases })).toBe(false);
  });
});
