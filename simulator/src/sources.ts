/**
 * The simulated source systems: what each one's batch endpoint answers per citizen (the same
 * projections of the synthetic dataset as the embedded sources), and a wrongly shaped answer
 * for the `wrongShape` fault.
 */
import type { CitizenRecord } from '../../dataset/src/records.js';

/** The source names, as the subgraphs' sources call themselves. */
export const SOURCE_NAMES = ['consent-register', 'case-index', 'benefit-index', 'intervention-index', 'employment-dfdg'] as const;

/** One simulated source. */
export type SourceName = (typeof SOURCE_NAMES)[number];

/** True for a known source name. */
export function isSourceName(value: string): value is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(value);
}

/** A source's answer for one citizen (null: a citizen the dataset does not hold). */
export const PROJECTIONS: Readonly<Record<SourceName, (c: CitizenRecord | null) => unknown>> = {
  'consent-register': (c) => c?.consents ?? [],
  'case-index': (c) => c?.cases ?? [],
  'benefit-index': (c) => c?.benefits ?? [],
  'intervention-index': (c) => c?.interventions ?? [],
  'employment-dfdg': (c) => c?.employment ?? null,
};

/**
 * Well-formed JSON of the wrong shape: one result per CPR, as the contract says, but each one
 * a record whose fields have the wrong types (the hazard is a half-parsed record).
 */
export function wrongShape(source: SourceName, count: number): unknown {
  const bad = { id: 42, title: null, area: 'NOWHERE', status: ['?'], start: 'yesterday' };
  const one = source === 'employment-dfdg' ? { contactGroup: 7, jobGoals: 'none' } : [bad];
  return { results: Array.from({ length: count }, () => one) };
}
