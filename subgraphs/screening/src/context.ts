/** The per-request context of the screening subgraph: fresh loaders for every request. */
import type { AccessContext, AccessGrants } from '@hoi/access';
import type { SubgraphContext } from '@hoi/subgraph-kit';
import type { CursorCodec } from './cursor.js';
import { createDecisionsByCitizenLoader } from './loaders/decisionsByCitizen.js';
import { createRecordsByCitizenLoader } from './loaders/recordsByCitizen.js';
import type { DecisionSync } from './projection/decisionSync.js';
import type { ScreeningProjection } from './projection/ScreeningProjection.js';
import type { ScreeningRecordsSource } from './sources/ScreeningRecordsSource.js';
import type { ScreeningAuditRecord, ScreeningStore } from './store/ScreeningStore.js';

/** Dependencies of the screening subgraph. */
export interface ScreeningDeps {
  /** Per-citizen records for cpr-knap (uncached: always current). */
  readonly source: ScreeningRecordsSource;
  readonly store: ScreeningStore;
  /** The bulk projection for cpr-liste. */
  readonly projection: ScreeningProjection;
  readonly decisionSync: DecisionSync;
  readonly grants: AccessGrants;
  readonly cursors: CursorCodec;
  /** Pseudonymizes CPRs for the audit log (the consent subgraph's key and purpose). */
  readonly pseudonymize: (cpr: string) => string;
  /** The clock; tests pin it. @default () => new Date() */
  readonly clock?: () => Date;
  /** How long a screening request waits for the first projection build. @default 10000 */
  readonly readyTimeoutMs?: number;
}

/** What the screening resolvers get. */
export interface ScreeningContext extends SubgraphContext {
  readonly deps: ScreeningDeps;
  readonly recordsByCitizen: ReturnType<typeof createRecordsByCitizenLoader>;
  readonly decisionsByCitizen: ReturnType<typeof createDecisionsByCitizenLoader>;
  /** Appends an audit record durably (group-committed across requests); resolves once committed. */
  readonly audit: (record: ScreeningAuditRecord) => Promise<void>;
}

/** Builds the context for one request. */
export function createContext(
  deps: ScreeningDeps,
  access: AccessContext,
  audit: (record: ScreeningAuditRecord) => Promise<void>,
): ScreeningContext {
  return {
    access,
    now: deps.clock?.() ?? new Date(),
    deps,
    recordsByCitizen: createRecordsByCitizenLoader(deps.source),
    decisionsByCitizen: createDecisionsByCitizenLoader(deps.store),
    audit,
  };
}
