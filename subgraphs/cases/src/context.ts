/** The per-request context of the cases subgraph: fresh loaders for every request. */
import type DataLoader from 'dataloader';
import type { CaseRecord } from '../../../dataset/src/records.js';
import type { AccessContext } from '../../shared/src/accessContext.js';
import type { AccessGrants } from '../../shared/src/accessGrant.js';
import type { SubgraphContext } from '../../shared/src/subgraphServer.js';
import { createCasesByCitizenLoader } from './loaders/casesByCitizen.js';
import type { CaseIndexSource } from './sources/CaseIndexSource.js';

/** What the cases resolvers get. */
export interface CasesContext extends SubgraphContext {
  readonly grants: AccessGrants;
  readonly casesByCitizen: DataLoader<string, readonly CaseRecord[]>;
}

/** Dependencies of the cases subgraph. */
export interface CasesDeps {
  readonly source: CaseIndexSource;
  readonly grants: AccessGrants;
}

/** Builds the context for one request. */
export function createContext(deps: CasesDeps, access: AccessContext): CasesContext {
  return {
    access,
    now: new Date(),
    grants: deps.grants,
    casesByCitizen: createCasesByCitizenLoader(deps.source),
  };
}
