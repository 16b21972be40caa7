/** The per-request context of the cases subgraph (codegen's context type). */
import type { CaseRecord } from '@hoi/domain';
import type { IndexContext } from '@hoi/subgraph-kit';

/** What the cases resolvers get: the grant codec and the citizen's records. */
export type CasesContext = IndexContext<readonly CaseRecord[]>;
