/** The simulator's export writer: chunks shared by concurrent exports, and turns of the event loop. */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createDataset, type Dataset } from '@hoi/dataset';
import { createExportTexts, writeExport } from '@hoi/simulator';

const dataset = createDataset({ seed: 2, citizens: 1_000, referenceDate: '2026-01-15' });
const line = (source: string, c: { cpr: string }) => `${source} ${c.cpr}\n`;
const expectedText = (source: string, k: number) =>
  Array.from({ length: 100 }, (_, i) => line(source, { cpr: dataset.cprAt(k * 100 + i) })).join('');

/** Counts the citizens generated. */
function counted(ds: Dataset): Dataset & { generated: number } {
  const c = { ...ds, generated: 0, at: (i: number) => (c.generated++, ds.at(i)) };
  return c;
}

describe('createExportTexts', () => {
  it('generates each citizen once for the exports running together, within `keep` chunks', () => {
    const ds = counted(dataset);
    const texts = createExportTexts(ds, line, { chunkSize: 100, keep: 3 });
    for (const s of ['a', 'b', 'c']) texts.begin(s);
    // Three exports of the ten chunks, the second and third trailing by one and two chunks.
    for (let k = 0; k < 12; k++)
      for (const [s, behind] of [
        ['a', k],
        ['b', k - 1],
        ['c', k - 2],
      ] as const)
        if (behind >= 0 && behind < 10) expect(texts.text(behind, s)).toBe(expectedText(s, behind));
    expect(texts.generated).toBe(10);
    expect(ds.generated).toBe(1_000);
  });

  it('generates a chunk again, the same, for an export further behind or started later', () => {
    const ds = counted(dataset);
    const texts = createExportTexts(ds, line, { chunkSize: 100, keep: 2 });
    const endA = texts.begin('a');
    for (let k = 0; k < 5; k++) texts.text(k, 'a');
    // 'b' started after chunk 0 was made for 'a' alone.
    const endB = texts.begin('b');
    expect(texts.text(0, 'b')).toBe(expectedText('b', 0));
    expect(texts.text(0, 'a')).toBe(expectedText('a', 0));
    expect(texts.generated).toBe(6);
    endA();
    endB();
    expect(ds.generated).toBe(600);
  });
});

/** A response whose socket takes every chunk at once: `write` says wait, 'drain' comes on nextTick. */
function eagerResponse(): ServerResponse & { written: string[] } {
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    written: [] as string[],
    writeHead: () => res,
    write(text: string) {
      res.written.push(text);
      process.nextTick(() => res.emit('drain'));
      return false;
    },
    end(text: string) {
      res.written.push(text);
    },
  });
  return res as unknown as ServerResponse & { written: string[] };
}

describe('writeExport', () => {
  const texts = createExportTexts(dataset, line, { chunkSize: 100 });

  it('writes every chunk, then the end line', async () => {
    const res = eagerResponse();
    await writeExport(res, dataset.size, texts.chunks, (k) => texts.text(k, 'a'));
    const lines = res.written.join('').trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual(
      Array.from({ length: 1_000 }, (_, i) => `a ${dataset.cprAt(i)}`),
    );
    expect(JSON.parse(lines.at(-1) as string)).toEqual({ end: true, citizens: 1_000 });
  });

  it('stops half-way, mid-line, without the end line when cut', async () => {
    const res = eagerResponse();
    await writeExport(res, dataset.size, texts.chunks, (k) => texts.text(k, 'a'), 'malformed');
    const text = res.written.join('');
    expect(text.startsWith(expectedText('a', 0))).toBe(true);
    expect(text.length).toBeLessThan(6 * expectedText('a', 0).length);
    expect(text.endsWith('\n')).toBe(false);
    expect(text).not.toContain('"end"');
  });

  it('gives the event loop a turn between chunks even when the socket drains at once', async () => {
    // Counts turns of the event loop (check phases) while the export is written.
    let turns = 0;
    let done = false;
    const tick = () => {
      turns += 1;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const res = eagerResponse();
    const turnOfWrite: number[] = [];
    const write = res.write.bind(res);
    res.write = ((text: string) => (turnOfWrite.push(turns), write(text))) as typeof res.write;
    await writeExport(res, dataset.size, texts.chunks, (k) => texts.text(k, 'a'));
    done = true;
    // Ten chunks, each in a turn of its own: other requests are served in between.
    expect(turnOfWrite).toHaveLength(10);
    expect(new Set(turnOfWrite).size).toBe(10);
  });
});
