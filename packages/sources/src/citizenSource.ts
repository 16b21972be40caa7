/**
 * The one adapter interface every source implements (DESIGN §5): a batched read of many
 * citizens in one call. Implementations: embedded (the synthetic dataset, in-process) and
 * http (a remote index).
 */
import type { Dataset } from '@hoi/dataset';
import type { CitizenRecord } from '@hoi/domain';

/** A source of per-citizen records of type T. */
export interface CitizenSource<T> {
  /** The source system's name, for errors and metrics. */
  readonly name: string;
  /**
   * One result per CPR, in the same order. A citizen the source does not know yields its
   * empty value; a failing source rejects (with a SOURCE_* GraphQLError).
   */
  fetchMany(cprs: readonly string[]): Promise<readonly T[]>;
  /**
   * Whether the source answers right now (for `/ready`); a cheap probe, outside any retries
   * or circuit breaker. Absent for in-process sources, which are always there.
   */
  ready?(): Promise<boolean>;
  /** Releases connections and timers (graceful shutdown). */
  close?(): Promise<void>;
}

/**
 * Gives `layered` (a source wrapped in layers: metrics, cache) the lifecycle of the
 * underlying `raw` source, which the layers themselves need not know about.
 */
export function withLifecycleOf<T>(
  raw: CitizenSource<unknown>,
  layered: CitizenSource<T>,
): CitizenSource<T> {
  const lifecycle = lifecycleOf(raw);
  if (!lifecycle.ready && !lifecycle.close) return layered;
  return { name: layered.name, fetchMany: (cprs) => layered.fetchMany(cprs), ...lifecycle };
}

/**
 * A source system's contract in one place: its name, what it holds per citizen of the
 * synthetic dataset (what the embedded source and the simulator answer), and how one result
 * of its HTTP wire contract is checked. Used by the subgraphs, screening and the simulator.
 */
export interface SourceDefinition<T> {
  /** The source system's name: in URLs, errors, metrics and logs. */
  readonly name: string;
  /** What the source holds for one citizen of the dataset (null: a citizen it does not know). */
  readonly project: (citizen: CitizenRecord | null) => T;
  /**
   * Checks one result of the wire contract for citizen `cpr` and returns it as a record built
   * from checked fields only; throws a RecordShapeError when it is not one.
   */
  readonly validate: (json: unknown, cpr: string) => T;
}

/** The embedded implementation of a source: its projection of the synthetic dataset. */
export function embeddedSource<T>(
  definition: SourceDefinition<T>,
  dataset: Dataset,
): CitizenSource<T> {
  return createEmbeddedSource(definition.name, dataset, definition.project);
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

/** A source's readiness probe and close, bound to it, for a layer over it to pass on. */
export function lifecycleOf(
  source: CitizenSource<unknown>,
): Pick<CitizenSource<unknown>, 'ready' | 'close'> {
  const ready = source.ready?.bind(source);
  const close = source.close?.bind(source);
  return { ...(ready ? { ready } : {}), ...(close ? { close } : {}) };
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
    ...lifecycleOf(source),
  };
}
