import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '@hoi/storage';

describe('createGroupCommit', () => {
  it('writes items that arrive together, or during a write, in one batch each', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const append = createGroupCommit<number>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = [append(1), append(2)];
    await new Promise((r) => setImmediate(r));
    const during = [append(3), append(4), append(5)];
    release();
    await Promise.all([...first, ...during]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('rejects every caller of a failed batch and recovers for the next', async () => {
    let fail = true;
    const append = createGroupCommit<number>(async () => {
      if (fail) throw new Error('disk full');
    });
    await expect(Promise.all([append(1), append(2)])).rejects.toThrow('disk full');
    fail = false;
    await expect(append(3)).resolves.toBeUndefined();
  });
});
