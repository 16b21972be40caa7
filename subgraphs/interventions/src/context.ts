/** The per-request context of the interventions subgraph (codegen's context type). */
import type { InterventionRecord } from '@hoi/domain';
import type { IndexContext } from '@hoi/subgraph-kit';

/** What the interventions resolvers get: the grant codec and the citizen's records. */
export type InterventionsContext = IndexContext<readonly InterventionRecord[]>;
