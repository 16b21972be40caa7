/** The per-request context of the employment subgraph (codegen's context type). */
import type { EmploymentRecord } from '@hoi/domain';
import type { IndexContext } from '@hoi/subgraph-kit';

/** What the employment resolvers get: the grant codec and the citizen's records. */
export type EmploymentContext = IndexContext<EmploymentRecord | null>;
