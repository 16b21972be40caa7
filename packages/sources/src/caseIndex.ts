/** The case index (Sags- og dokumentindeks) as a source: a citizen's cases. */
import type { CaseRecord } from '@hoi/domain';
import type { CitizenSource, SourceDefinition } from './citizenSource.js';
import { area, arrayOf, isoDate, nullableIsoDate, object, string } from './recordGuards.js';

/** Reads cases per citizen. */
export type CaseIndexSource = CitizenSource<readonly CaseRecord[]>;

/** Checks one case record from the case index. */
export function caseRecordFrom(json: unknown, at = ''): CaseRecord {
  const o = object(json, at);
  return {
    id: string(o, 'id'),
    title: string(o, 'title'),
    area: area(o, 'area'),
    kle: string(o, 'kle'),
    status: string(o, 'status'),
    openedAt: isoDate(o, 'openedAt'),
    closedAt: nullableIsoDate(o, 'closedAt'),
    sourceSystem: string(o, 'sourceSystem'),
  };
}

/** The case index (Sags- og dokumentindeks): its name, what it holds per citizen in the synthetic dataset, its wire contract. */
export const caseIndex: SourceDefinition<readonly CaseRecord[]> = {
  name: 'case-index',
  project: (c) => c?.cases ?? [],
  validate: (json) => arrayOf(json, caseRecordFrom),
};
