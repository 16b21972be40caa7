/** Readiness: a subgraph needs its store and one of its sources; the gateway, no store down and one source up. */
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
  const up = (sources: Record<string, boolean>, store?: boolean) =>
    parseSubgraphReadiness({
      ready: true,
      service: 's',
      sources,
      ...(store === undefined ? {} : { store }),
    });
  it('stays ready with one source down', () => {
    expect(
      gatewayReady({
        consent: up({ 'consent-register': true }, true),
        cases: up({ 'case-index': false }),
      }),
    ).toBe(true);
  });
  it('is not ready with every source down, a store down, or a subgraph unreachable', () => {
    expect(
      gatewayReady({
        consent: up({ 'consent-register': false }, true),
        cases: up({ 'case-index': false }),
      }),
    ).toBe(false);
    expect(
      gatewayReady({
        consent: up({ 'consent-register': true }, false),
        cases: up({ 'case-index': true }),
      }),
    ).toBe(false);
    expect(
      gatewayReady({ consent: up({ 'consent-register': true }, true), cases: 'unreachable' }),
    ).toBe(false);
    expect(gatewayReady({ cases: parseSubgraphReadiness('<html>') })).toBe(false);
  });
});
