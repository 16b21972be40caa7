/** The per-request context of the employment subgraph: fresh loaders for every request. */
import type DataLoader from 'dataloader';
import type { EmploymentRecord } from '../../../dataset/src/records.js';
import type { AccessContext } from '../../shared/src/accessContext.js';
import type { AccessGrants } from '../../shared/src/accessGrant.js';
import type { SubgraphContext } from '../../shared/src/subgraphServer.js';
import { createEmploymentByCitizenLoader } from './loaders/employmentByCitizen.js';
import type { EmploymentSource } from './sources/EmploymentSource.js';

/** What the employment resolvers get. */
export interface EmploymentContext extends SubgraphContext {
  readonly grants: AccessGrants;
  readonly employmentByCitizen: DataLoader<string, EmploymentRecord | null>;
}

/** Dependencies of the employment subgraph. */
export interface EmploymentDeps {
  readonly source: EmploymentSource;
  readonly grants: AccessGrants;
}

/** Builds the context for one request. */
export function createContext(deps: EmploymentDeps, access: AccessContext): EmploymentContext {
  return {
    access,
    now: new Date(),
    grants: deps.grants,
    employmentByCitizen: createEmploymentByCitizenLoader(deps.source),
  };
}
