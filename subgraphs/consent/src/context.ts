/** The per-request context of the consent subgraph: fresh loaders for every request. */
import type { AccessContext, AccessGrants } from '@hoi/access';
import type { SubgraphContext } from '@hoi/subgraph-kit';
import { createConsentHistoryByCitizenLoader } from './loaders/consentHistoryByCitizen.js';
import type { ConsentSource } from '@hoi/sources';
import type { createLogCursors } from './accessLog.js';
import type { ConsentState } from './consentState.js';
import type { ScreeningTrail } from './screeningTrail.js';
import type { AuditRecord, ConsentStore } from './store/ConsentStore.js';

/** Dependencies of the consent subgraph. */
export interface ConsentDeps {
  readonly source: ConsentSource;
  readonly store: ConsentStore;
  /** The store's consent state through the cache (reads) and its invalidation (writes). */
  readonly state: ConsentState;
  readonly grants: AccessGrants;
  /** Pseudonymizes CPRs for the audit log. */
  readonly pseudonymize: (cpr: string) => string;
  /** The screening subgraph's part of each access log. */
  readonly screeningTrail: ScreeningTrail;
  /** Seals and opens access-log cursors. */
  readonly logCursors: ReturnType<typeof createLogCursors>;
  /** The clock; tests control it to check expiry. @default () => new Date() */
  readonly clock?: () => Date;
}

/** What the consent resolvers get. */
export interface ConsentContext extends SubgraphContext {
  readonly deps: ConsentDeps;
  readonly consentHistoryByCitizen: ReturnType<typeof createConsentHistoryByCitizenLoader>;
  /** Appends an audit record durably (group-committed across requests). */
  readonly audit: (record: AuditRecord) => Promise<void>;
  /**
   * Appends the audit record of a read before the answer leaves. For a caller that reads held
   * answers (our gateway), it resolves at once and the answer is held for the commit
   * ({@link heldAudits}), so the data subgraphs' work runs alongside it; else it is `audit`.
   */
  readonly auditRead: (record: AuditRecord) => Promise<void>;
  /** The commits this request's answer is held for; null when there are none. */
  readonly heldAudits: () => Promise<void> | null;
}

/** Builds the context for one request. */
export function createContext(
  deps: ConsentDeps,
  access: AccessContext,
  audit: (record: AuditRecord) => Promise<void>,
): ConsentContext {
  const held: Promise<void>[] = [];
  return {
    access,
    now: deps.clock?.() ?? new Date(),
    deps,
    consentHistoryByCitizen: createConsentHistoryByCitizenLoader(deps.source, deps.state),
    audit,
    auditRead: access.heldAnswers
      ? async (record) => {
          const commit = audit(record);
          // Awaited by the HTTP layer once the answer is sent; handled here so that a failure
          // before then is not an unhandled rejection.
          commit.catch(() => {});
          held.push(commit);
        }
      : audit,
    heldAudits: () => (held.length === 0 ? null : Promise.all(held).then(() => {})),
  };
}
