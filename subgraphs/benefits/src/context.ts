/** The per-request context of the benefits subgraph: fresh loaders for every request. */
import type DataLoader from 'dataloader';
import type { BenefitRecord } from '../../../dataset/src/records.js';
import type { AccessContext } from '../../shared/src/accessContext.js';
import type { AccessGrants } from '../../shared/src/accessGrant.js';
import type { SubgraphContext } from '../../shared/src/subgraphServer.js';
import { createBenefitsByCitizenLoader } from './loaders/benefitsByCitizen.js';
import type { BenefitIndexSource } from './sources/BenefitIndexSource.js';

/** What the benefits resolvers get. */
export interface BenefitsContext extends SubgraphContext {
  readonly grants: AccessGrants;
  readonly benefitsByCitizen: DataLoader<string, readonly BenefitRecord[]>;
}

/** Dependencies of the benefits subgraph. */
export interface BenefitsDeps {
  readonly source: BenefitIndexSource;
  readonly grants: AccessGrants;
}

/** Builds the context for one request. */
export function createContext(deps: BenefitsDeps, access: AccessContext): BenefitsContext {
  return {
    access,
    now: new Date(),
    grants: deps.grants,
    benefitsByCitizen: createBenefitsByCitizenLoader(deps.source),
  };
}
