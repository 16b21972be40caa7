/** The citizen overview query the cache tests ask, and the part of its answer they read. */
import type { SectorArea } from '@hoi/domain';

/** One citizen's overview: every field of every subgraph. */
export const OVERVIEW =
  'query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cpr consent { status } access { area visible } cases { id title area } benefits { id name area } interventions { id title area } employment { contactGroup } } }';

/** The records of an overview answer. */
export interface Overview {
  cases: { id: string; area: SectorArea }[];
  benefits: { id: string; area: SectorArea }[];
  interventions: { id: string; area: SectorArea }[];
}
