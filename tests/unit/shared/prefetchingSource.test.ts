/**
 * Reading ahead at a source: records read ahead are taken once by the request's own read,
 * within their hold time; a failed read ahead is read again; the number held is bounded.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchingSource, type CitizenSource } from '@hoi/sources';

/** A source answering `record-<cpr>` and remembering what it was asked. */
function countingSource(fail: (cpr: string) => boolean = () => false) {
  const calls: string[][] = [];
  const source: CitizenSource<string> = {
    name: 'test-index',
    fetchMany: async (cprs) => {
      calls.push([...cprs]);
      if (cprs.some(fail)) throw new Error('source down');
      return cprs.map((cpr) => `record-${cpr}`);
    },
  };
  return { source, calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('prefetchingSource', () => {
  it('lets the request take what was read ahead, once, and reads the rest in one call', async () => {
    const { source, calls } = countingSource();
    const reading = prefetchingSource(source);
    reading.prefetch(['a', 'b']);
    reading.prefetch(['a']); // held already: not read twice
    expect(calls).toEqual([['a', 'b']]);
    expect(await reading.fetchMany(['b', 'c', 'a'])).toEqual(['record-b', 'record-c', 'record-a']);
    expect(calls).toEqual([['a', 'b'], ['c']]);
    // Taken: the next request reads the source again.
    expect(await reading.fetchMany(['a'])).toEqual(['record-a']);
    expect(calls).toEqual([['a', 'b'], ['c'], ['a']]);
  });

  it('forgets what no request took within the hold time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { source, calls } = countingSource();
    const reading = prefetchingSource(source, { holdMs: 1_000 });
    reading.prefetch(['a']);
    vi.setSystemTime(Date.now() + 1_001);
    await reading.fetchMany(['a']);
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('reads again what failed to be read ahead, and never rejects a read ahead', async () => {
    let down = true;
    const { source, calls } = countingSource(() => down);
    const reading = prefetchingSource(source);
    reading.prefetch(['a']);
    await new Promise((r) => setTimeout(r, 0));
    down = false;
    expect(await reading.fetchMany(['a', 'b'])).toEqual(['record-a', 'record-b']);
    expect(calls.flat().filter((c) => c === 'a')).toHaveLength(2);
  });

  it('passes a failing read of its own to the request', async () => {
    const { source } = countingSource((cpr) => cpr === 'x');
    await expect(prefetchingSource(source).fetchMany(['x'])).rejects.toThrow('source down');
  });

  it('holds at most `max` citizens', async () => {
    const { source, calls } = countingSource();
    const reading = prefetchingSource(source, { max: 2 });
    reading.prefetch(['a', 'b', 'c']);
    reading.prefetch(['d']);
    expect(calls).toEqual([['a', 'b']]);
  });
});
