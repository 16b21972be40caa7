/** The per-request context of the benefits subgraph (codegen's context type). */
import type { BenefitRecord } from '@hoi/domain';
import type { IndexContext } from '@hoi/subgraph-kit';

/** What the benefits resolvers get: the grant codec and the citizen's records. */
export type BenefitsContext = IndexContext<readonly BenefitRecord[]>;
