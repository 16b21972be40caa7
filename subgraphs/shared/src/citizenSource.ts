/**
 * The one adapter interface every source implements (DESIGN §5): a batched read of many
 * citizens in one call. Implementations: embedded (the synthetic dataset, in-process) and
 * http (a remote index).
 */
import type { Dataset } from '../../../dataset/src/dataset.js';
import type { CitizenRecord } from '../../../dataset/src/records.js';

/** A source of per-citizen records of type T. */
export interface CitizenSource<T> {
  /** The source system's name, for errors and metrics. */
  readonly name: string;
  /**
   * One result per CPR, in the same order. A citizen the source does not know yields its
   * empty value; a failing source rejects (with a SOURCE_* GraphQLError).
   */
  fetchMany(cprs: readonly string[]): Promise<readonly T[]>;
}

/** An embedded source over the synthetic dataset, projecting each citizen with `pick`. */
export function createEmbeddedSource<T>(
  name: string,
  dataset: Dataset,
  pick: (citizen: CitizenRecord | null) => T,
): CitizenSource<T> {
  return {
    name,
    fetchMany: async (cprs) => cprs.map((cpr) => pick(dataset.byCpr(cpr))),
  };
}

/** A source that counts its calls (batches) and the citizens asked for: tests and metrics. */
export interface CountedSource<T> extends CitizenSource<T> {
  readonly calls: number;
  readonly citizens: number;
}

/** Wraps a source to count its calls. */
export function countCalls<T>(source: CitizenSource<T>): CountedSource<T> {
  let calls = 0;
  let citizens = 0;
  return {
    name: source.name,
    get calls() {
      return calls;
    },
    get citizens() {
      return citizens;
    },
    fetchMany(cprs) {
      calls += 1;
      citizens += cprs.length;
      return source.fetchMany(cprs);
    },
  };
}
