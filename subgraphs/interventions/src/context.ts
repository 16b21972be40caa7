/** The per-request context of the interventions subgraph: fresh loaders for every request. */
import type DataLoader from 'dataloader';
import type { InterventionRecord } from '../../../dataset/src/records.js';
import type { AccessContext } from '../../shared/src/accessContext.js';
import type { AccessGrants } from '../../shared/src/accessGrant.js';
import type { SubgraphContext } from '../../shared/src/subgraphServer.js';
import { createInterventionsByCitizenLoader } from './loaders/interventionsByCitizen.js';
import type { InterventionIndexSource } from './sources/InterventionIndexSource.js';

/** What the interventions resolvers get. */
export interface InterventionsContext extends SubgraphContext {
  readonly grants: AccessGrants;
  readonly interventionsByCitizen: DataLoader<string, readonly InterventionRecord[]>;
}

/** Dependencies of the interventions subgraph. */
export interface InterventionsDeps {
  readonly source: InterventionIndexSource;
  readonly grants: AccessGrants;
}

/** Builds the context for one request. */
export function createContext(deps: InterventionsDeps, access: AccessContext): InterventionsContext {
  return {
    access,
    now: new Date(),
    grants: deps.grants,
    interventionsByCitizen: createInterventionsByCitizenLoader(deps.source),
  };
}
