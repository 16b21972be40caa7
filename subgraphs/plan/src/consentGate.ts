/**
 * What a plan write needs from the consent subgraph, which owns consent state, every access
 * decision and the audit log: it opens the citizen for this caller (auditing the access before
 * anything is written) and says what the caller may see and whether the citizen has an ACTIVE
 * consent. Asked over HTTP with an access context signed for the same caller and request, so
 * the consent subgraph decides exactly as for a read. It fails closed: no answer, no write.
 */
import { GraphQLError } from 'graphql';
import type { AccessContext } from '@hoi/access';
import { isSectorArea, serviceUnavailable, type SectorArea } from '@hoi/domain';
import type { Logger } from '@hoi/platform';
import { createSubgraphClient } from '@hoi/subgraph-kit';

/** What the consent subgraph decided for a write. */
export interface WriteAccess {
  /** The areas of the citizen the caller may see. */
  readonly visible: ReadonlySet<SectorArea>;
  /** Whether the citizen has an ACTIVE consent now; null when the register could not be read. */
  readonly activeConsent: boolean | null;
}

/** Opens a citizen for a write by the caller of `access`. */
export type ConsentGate = (
  cpr: string,
  access: AccessContext,
  purpose: string,
) => Promise<WriteAccess>;

const OPEN_FOR_WRITE = `mutation OpenCitizenForWrite($cpr: CPR!, $purpose: String!) {
  openCitizenForWrite(cpr: $cpr, purpose: $purpose) { access { area visible } activeConsent }
}`;

/** Codes the consent subgraph answers that are the caller's, passed on as they are. */
const CALLER_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'BAD_USER_INPUT']);

interface GateResponse {
  readonly data?: {
    readonly openCitizenForWrite?: {
      readonly access?: readonly { readonly area?: unknown; readonly visible?: unknown }[];
      readonly activeConsent?: unknown;
    };
  } | null;
  readonly errors?: readonly {
    readonly message?: string;
    readonly extensions?: { code?: unknown };
  }[];
}

/** The gate over HTTP to the consent subgraph at `url`. */
export function createHttpConsentGate(options: {
  readonly url: string;
  readonly accessContextSecret: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
}): ConsentGate {
  const call = createSubgraphClient(options);
  return async (cpr, access, purpose) => {
    let body: GateResponse;
    try {
      body = await call(access, { query: OPEN_FOR_WRITE, variables: { cpr, purpose } });
    } catch (err) {
      options.logger.warn(
        { requestId: access.requestId, err: err instanceof Error ? err.name : 'error' },
        'consent subgraph unreachable: plan write refused',
      );
      throw serviceUnavailable('consent');
    }
    const error = body.errors?.[0];
    if (error) {
      const code = error.extensions?.code;
      if (typeof code === 'string' && CALLER_CODES.has(code)) {
        throw new GraphQLError(error.message ?? code, { extensions: { code } });
      }
      options.logger.warn(
        { requestId: access.requestId, code: typeof code === 'string' ? code : null },
        'consent subgraph refused to open a citizen for a write',
      );
      throw serviceUnavailable('consent');
    }
    return parseWriteAccess(body);
  };
}

/** The answer, checked: anything malformed fails closed. */
function parseWriteAccess(body: GateResponse): WriteAccess {
  const answer = body.data?.openCitizenForWrite;
  const activeConsent = answer?.activeConsent;
  if (
    !answer ||
    !Array.isArray(answer.access) ||
    !(activeConsent === null || typeof activeConsent === 'boolean')
  ) {
    throw serviceUnavailable('consent');
  }
  const visible = new Set<SectorArea>();
  for (const entry of answer.access) {
    if (!isSectorArea(entry.area) || typeof entry.visible !== 'boolean')
      throw serviceUnavailable('consent');
    if (entry.visible) visible.add(entry.area);
  }
  return { visible, activeConsent };
}
