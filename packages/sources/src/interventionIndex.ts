/** The intervention-index as a source: a citizen's interventions. */
import type { InterventionRecord } from '@hoi/domain';
import type { CitizenSource, SourceDefinition } from './citizenSource.js';
import {
  area,
  arrayOf,
  isoDate,
  nullableIsoDate,
  nullableString,
  object,
  string,
} from './recordGuards.js';

/** Reads interventions per citizen. */
export type InterventionIndexSource = CitizenSource<readonly InterventionRecord[]>;

/** Checks one intervention record from the intervention index. */
export function interventionRecordFrom(json: unknown, at = ''): InterventionRecord {
  const o = object(json, at);
  return {
    id: string(o, 'id'),
    title: string(o, 'title'),
    area: area(o, 'area'),
    kle: string(o, 'kle'),
    legalBasis: nullableString(o, 'legalBasis'),
    status: string(o, 'status'),
    start: isoDate(o, 'start'),
    end: nullableIsoDate(o, 'end'),
  };
}

/** The intervention index (Indsatsindeks): its name, what it holds per citizen in the synthetic dataset, its wire contract. */
export const interventionIndex: SourceDefinition<readonly InterventionRecord[]> = {
  name: 'intervention-index',
  project: (c) => c?.interventions ?? [],
  validate: (json) => arrayOf(json, interventionRecordFrom),
};
