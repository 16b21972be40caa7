import { describe, expect, it } from 'vitest';
import { createAccessGrants } from '@hoi/access';
import { createMemoryCacheStore, createSealedCache } from '@hoi/cache';
import { createEntityCache } from '@hoi/gateway';

const request = {
  query:
    'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { cases { id } } } }',
  variables: { representations: [{ cpr: '010180-1234', accessGrant: '1.x' }] },
};

describe('createEntityCache', () => {
  it('makes identical concurrent entity fetches once and gives each caller its own copy', async () => {
    const layer = createEntityCache('cases', null, 1000)!;
    let calls = 0;
    const load = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 10));
      return { data: { _entities: [{ cases: [{ id: 'a' }] }] } };
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => layer.through(request, load)),
    );
    expect(calls).toBe(1);
    for (const a of answers) expect(a.data).toEqual({ _entities: [{ cases: [{ id: 'a' }] }] });
    expect(new Set(answers.map((a) => a.data)).size).toBe(10);
    await layer.through(request, load);
    expect(calls).toBe(2); // no cache: a later fetch goes to the subgraph again
  });

  it("keeps the first caller's changes to its answer from the callers that joined it", async () => {
    const layer = createEntityCache('cases', null, 1000)!;
    const load = async () => {
      await new Promise((r) => setTimeout(r, 10));
      return { data: { _entities: [{ cases: [{ id: 'a' }] }] } };
    };
    const first = layer.through(request, load).then((a) => {
      (a.data as { _entities: unknown[] })._entities.length = 0; // the gateway merges into it
      return a;
    });
    const joiners = Array.from({ length: 3 }, () => layer.through(request, load));
    await first;
    for (const a of await Promise.all(joiners))
      expect(a.data).toEqual({ _entities: [{ cases: [{ id: 'a' }] }] });
  });

  it('never shares or caches the consent subgraph, nor anything but entity queries', async () => {
    expect(createEntityCache('consent', null, 1000)).toBeNull();
    const layer = createEntityCache('cases', null, 1000)!;
    let calls = 0;
    const load = async () => ((calls += 1), { data: {} });
    await Promise.all([
      layer.through({ query: 'mutation { x }' }, load),
      layer.through({ query: 'mutation { x }' }, load),
    ]);
    expect(calls).toBe(2);
  });
});

describe('entity cache keys', () => {
  const grants = createAccessGrants('entity-cache-test-secret');
  const cpr = '010180-1234';
  const query = request.query;
  const withGrant = (accessGrant: string) => ({
    query,
    variables: { representations: [{ __typename: 'Citizen', cpr, accessGrant }] },
  });
  const inMemory = () =>
    createSealedCache(createMemoryCacheStore(100), { key: Buffer.alloc(32, 7) });

  it('share an answer between callers and windows with the same decision, never across decisions', async () => {
    const layer = createEntityCache('cases', inMemory(), 60_000)!;
    let calls = 0;
    const load = async () => ((calls += 1), { data: { _entities: [{ cases: [] }] } });
    const at = Date.UTC(2026, 10, 29, 12);
    const employment = ['EMPLOYMENT'] as const;
    await layer.through(
      withGrant(grants.sign(cpr, employment, { sub: 'a', version: 3 }, at)),
      load,
    );
    // Another caseworker, a later window, the same areas on the same consent state.
    await layer.through(
      withGrant(grants.sign(cpr, employment, { sub: 'b', version: 3 }, at + 45_000)),
      load,
    );
    expect(calls).toBe(1);
    // Other areas, or another consent state (a withdrawal bumps it): another answer.
    await layer.through(
      withGrant(grants.sign(cpr, ['EMPLOYMENT', 'HEALTH'], { sub: 'a', version: 3 }, at)),
      load,
    );
    await layer.through(
      withGrant(grants.sign(cpr, employment, { sub: 'a', version: 4 }, at)),
      load,
    );
    // Another citizen with the same decision: another answer.
    await layer.through(
      {
        query,
        variables: {
          representations: [
            {
              __typename: 'Citizen',
              cpr: '020280-1234',
              accessGrant: grants.sign('020280-1234', employment, { sub: 'a', version: 3 }, at),
            },
          ],
        },
      },
      load,
    );
    expect(calls).toBe(4);
  });
});
