/**
 * The simulated source systems: each one's batch endpoint answers per citizen what the
 * source's definition projects from the synthetic dataset (@hoi/sources, the same projection
 * as the embedded sources), and a wrongly shaped answer for the `wrongShape` fault.
 */
import type { SourceName } from '@hoi/sources';

/**
 * Well-formed JSON of the wrong shape: one result per CPR, as the contract says, but each one
 * a record whose fields have the wrong types (the hazard is a half-parsed record).
 */
export function wrongShape(source: SourceName, count: number): unknown {
  const bad = { id: 42, title: null, area: 'NOWHERE', status: ['?'], start: 'yesterday' };
  const one = source === 'employment-dfdg' ? { contactGroup: 7, jobGoals: 'none' } : [bad];
  return { results: Array.from({ length: count }, () => one) };
}
