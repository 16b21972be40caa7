/** The per-request context of the plan subgraph: fresh loaders for every request. */
import DataLoader from 'dataloader';
import type { AccessContext, AccessGrants } from '@hoi/access';
import {
  sourceUnavailable,
  type BenefitRecord,
  type CaseRecord,
  type InterventionRecord,
  type PlanRecord,
} from '@hoi/domain';
import type { CitizenSource } from '@hoi/sources';
import { createCitizenLoader, type SubgraphContext } from '@hoi/subgraph-kit';
import type { ConsentGate } from './consentGate.js';
import type { PlanStore } from './store/PlanStore.js';

/** The name the plan store has in SOURCE_UNAVAILABLE errors. */
export const PLAN_STORE = 'hoi-plan-store';

/** The index sources the timeline reads, through the same grant check as their subgraphs. */
export interface TimelineSources {
  readonly cases: CitizenSource<readonly CaseRecord[]>;
  readonly benefits: CitizenSource<readonly BenefitRecord[]>;
  readonly interventions: CitizenSource<readonly InterventionRecord[]>;
}

/** Dependencies of the plan subgraph. */
export interface PlanDeps {
  readonly store: PlanStore;
  /** Opens a citizen for a write at the consent subgraph (access decision and audit). */
  readonly consentGate: ConsentGate;
  readonly grants: AccessGrants;
  readonly sources: TimelineSources;
  /** The clock; tests pin it. @default () => new Date() */
  readonly clock?: () => Date;
}

/** What the plan resolvers get. */
export interface PlanContext extends SubgraphContext {
  readonly deps: PlanDeps;
  /** The citizen's stored plan, or null: one store read per request tick. */
  readonly plans: DataLoader<string, PlanRecord | null>;
  readonly cases: DataLoader<string, readonly CaseRecord[]>;
  readonly benefits: DataLoader<string, readonly BenefitRecord[]>;
  readonly interventions: DataLoader<string, readonly InterventionRecord[]>;
}

/** Builds the context for one request. */
export function createContext(deps: PlanDeps, access: AccessContext): PlanContext {
  return {
    access,
    now: deps.clock?.() ?? new Date(),
    deps,
    plans: new DataLoader(async (cprs) => {
      try {
        const plans = await deps.store.byCitizens(cprs);
        return cprs.map((cpr) => plans.get(cpr) ?? null);
      } catch (err) {
        // The plan store is the plan's source: the rest of the overview (and the timeline's
        // other items) is answered, with the error saying what is missing.
        throw sourceUnavailable(PLAN_STORE, err, 'CONNECTION');
      }
    }),
    cases: createCitizenLoader(deps.sources.cases),
    benefits: createCitizenLoader(deps.sources.benefits),
    interventions: createCitizenLoader(deps.sources.interventions),
  };
}
