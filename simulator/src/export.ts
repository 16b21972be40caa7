/**
 * The simulator's side of a source's bulk export (`GET /sources/<source>/citizens:export`,
 * contract in @hoi/sources citizenExport.ts): the dataset's citizens in index order, one
 * NDJSON line each, then the end line.
 *
 * A reader of the whole register (the screening projection) reads the case, benefit and
 * intervention exports at the same time. Generating a citizen is most of an export's cost,
 * and the three exports need the same citizens at about the same time, so citizens are
 * generated in chunks, once for every export running then: a chunk's text (its lines) is
 * made for each of those sources at once and kept for the exports still to reach it, while
 * the exports stay within `keep` chunks of each other. An export further behind, or one that
 * started later, generates its chunks again (same bytes: generation is deterministic).
 * Texts are kept rather than citizens: a string per chunk and source is next to nothing for
 * the garbage collector, a kept citizen is dozens of objects.
 */
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Dataset } from '@hoi/dataset';
import type { CitizenRecord } from '@hoi/domain';
import { exportEndLine } from '@hoi/sources';

/** Chunk texts of the exports running at the same time. */
export interface ExportTexts<S extends string> {
  /** Citizens per chunk. */
  readonly chunkSize: number;
  /** Chunks of the dataset. */
  readonly chunks: number;
  /** Chunks generated so far (for stats and tests). */
  readonly generated: number;
  /** An export of `source` starts: chunks generated from now on make its text too. */
  begin(source: S): () => void;
  /** The lines of chunk `k` (indexes k·chunkSize onwards) for `source`. */
  text(k: number, source: S): string;
}

/** Options of {@link createExportTexts}. */
export interface ExportTextOptions {
  /** @default 256 */
  readonly chunkSize?: number;
  /** Chunks kept for the other exports: the most they may trail the first. @default 64 */
  readonly keep?: number;
}

/** Shares generated citizens among concurrent exports of `dataset`; `line` is one NDJSON line. */
export function createExportTexts<S extends string>(
  dataset: Dataset,
  line: (source: S, citizen: CitizenRecord) => string,
  options: ExportTextOptions = {},
): ExportTexts<S> {
  const chunkSize = options.chunkSize ?? 256;
  const keep = options.keep ?? 64;
  const running = new Map<S, number>();
  // Insertion order is generation order: the oldest chunk is evicted first.
  const cache = new Map<number, Map<S, string>>();
  let generated = 0;
  return {
    chunkSize,
    chunks: Math.ceil(dataset.size / chunkSize),
    get generated() {
      return generated;
    },
    begin(source) {
      running.set(source, (running.get(source) ?? 0) + 1);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        const left = (running.get(source) ?? 1) - 1;
        if (left > 0) running.set(source, left);
        else running.delete(source);
      };
    },
    text(k, source) {
      const kept = cache.get(k)?.get(source);
      if (kept !== undefined) return kept;
      const sources = [...new Set([source, ...running.keys()])];
      const parts = sources.map(() => '');
      for (let i = k * chunkSize; i < Math.min(dataset.size, (k + 1) * chunkSize); i++) {
        const c = dataset.at(i);
        for (let j = 0; j < sources.length; j++) parts[j] += line(sources[j] as S, c);
      }
      const texts = new Map(sources.map((s, j) => [s, parts[j] as string]));
      generated += 1;
      cache.delete(k);
      cache.set(k, texts);
      if (cache.size > keep) cache.delete(cache.keys().next().value as number);
      return texts.get(source) as string;
    },
  };
}

/**
 * How long an export waits before its first chunk: a reader asks for several exports at
 * once, but their requests arrive a few milliseconds apart, and a chunk made before an export
 * began is made again for it.
 */
const GATHER_MS = 25;

/** How an export ends: whole, or cut half-way (simulated faults). */
export type ExportEnding = 'whole' | 'malformed' | 'reset';

/**
 * Writes an export of `citizens` citizens in `chunks` chunks of lines (`text(k)`), then the
 * end line; a cut export stops half-way, in the middle of a chunk.
 */
export async function writeExport(
  res: ServerResponse,
  citizens: number,
  chunks: number,
  text: (k: number) => string,
  ending: ExportEnding = 'whole',
): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const stopAt = ending === 'whole' ? chunks : Math.floor(chunks / 2);
  // The other exports a reader asks for with this one arrive meanwhile, and share its chunks.
  await sleep(GATHER_MS);
  for (let k = 0; k < stopAt; k++) {
    // A turn of the event loop before every chunk, so whatever else waits is served: 'drain'
    // can come from process.nextTick (the socket took a chunk at once), and an export waiting
    // only for it would starve every other request and export.
    await nextTurn();
    const chunk = text(k);
    if (res.destroyed) return;
    // Backpressure: a slow reader pauses its export.
    if (!res.write(chunk)) await drained(res);
  }
  if (res.destroyed) return;
  if (ending === 'whole') return void res.end(exportEndLine(citizens));
  // Half a chunk more, cut mid-line, then the end of a complete HTTP answer or a reset.
  const next = stopAt < chunks ? text(stopAt) : '';
  const cut = Math.max(1, Math.floor(next.length / 2));
  const half = next.slice(0, next[cut - 1] === '\n' ? cut - 1 : cut) || '{"';
  if (ending === 'malformed') return void res.end(half);
  res.write(half, () => res.socket?.resetAndDestroy());
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
