import { describe, expect, it } from 'vitest';
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
