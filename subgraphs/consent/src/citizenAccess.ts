/**
 * Opening a citizen for a request: who may, what they may see, and the audit record written
 * before anything is returned (DESIGN §4). Every read of a citizen goes through here.
 */
import { Kind, type GraphQLError, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import {
  type AccessBasis,
  type ConsentRecord,
  decideAccess,
  latestConsentInstant,
  forbidden,
  type Principal,
  type SectorArea,
  unauthenticated,
} from '@hoi/domain';
import { isSourceError } from '@hoi/subgraph-kit';
import type { ConsentContext } from './context.js';
import type { CitizenView } from './mappers.js';
import type { AccessKind } from './store/ConsentStore.js';

/** The caller, or UNAUTHENTICATED: citizen data is never read anonymously. */
export function requirePrincipal(ctx: ConsentContext): Principal {
  const principal = ctx.access.principal;
  if (!principal) throw unauthenticated();
  return principal;
}

/** A citizen may act only on their own CPR. */
export function requireOwnCprForCitizen(principal: Principal, cpr: string): void {
  if (principal.role === 'citizen' && principal.sub !== cpr) {
    throw forbidden('A citizen may only access their own data');
  }
}

/**
 * Who reads a citizen's consents and writes them: caseworkers and the citizen. A screener
 * works on the statutory screening basis (domain.md §6 rule 2) and an auditor reads access
 * logs only (DESIGN §3a); the gateway refuses both first, this is the server-side check.
 */
export function forbidScreener(principal: Principal, what: string): void {
  if (principal.role === 'screener' || principal.role === 'auditor')
    throw forbidden(`The ${principal.role} role may not use ${what}`);
}

/** What an opening of a citizen is, for its audit record. */
export interface Opening {
  readonly kind: AccessKind;
  /** Why, as the server names it: CITIZEN_OVERVIEW, GIVE_CONSENT, ACCESS_LOG, … */
  readonly purpose: string;
  /**
   * False when the request reads none of the citizen's records (only their access log): the
   * record then names no areas.
   */
  readonly readsRecords: boolean;
}

/** A read of the citizen's overview. */
export const OVERVIEW_READ: Opening = {
  kind: 'READ',
  purpose: 'CITIZEN_OVERVIEW',
  readsRecords: true,
};

/** A write about the citizen (a consent or plan mutation), audited as such. */
export function writeOpening(purpose: string): Opening {
  return { kind: 'WRITE', purpose, readsRecords: true };
}

/** Fields of Citizen that read nothing of the citizen's records. */
const LOG_ONLY_FIELDS = new Set(['cpr', 'accessLog', '__typename']);

/**
 * The opening a root read makes: reading only `accessLog` (and `cpr`) is an ACCESS_LOG read
 * that names no areas; anything else reads the overview.
 */
export function readOpening(info: GraphQLResolveInfo): Opening {
  const names = new Set<string>();
  const collect = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet);
      else collect(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet);
  return [...names].every((n) => LOG_ONLY_FIELDS.has(n))
    ? { kind: 'READ', purpose: 'ACCESS_LOG', readsRecords: false }
    : OVERVIEW_READ;
}

/** Who the audit log names: a caseworker's id, or a citizen's pseudonym (never a CPR). */
export function auditSubject(principal: Principal, ctx: ConsentContext): string {
  return principal.role === 'citizen'
    ? `citizen:${ctx.deps.pseudonymize(principal.sub)}`
    : principal.sub;
}

/**
 * Decides access to a citizen for this request and audits it; resolves once audited, or for a
 * read with a held answer once the record is on its way (the answer waits for its commit).
 */
export async function openCitizen(
  cpr: string,
  ctx: ConsentContext,
  opening: Opening = OVERVIEW_READ,
): Promise<CitizenView> {
  const principal = requirePrincipal(ctx);
  requireOwnCprForCitizen(principal, cpr);
  const { history, unavailable } = await consentHistoryOf(cpr, ctx);
  const access = decideAccess(principal, cpr, history, ctx.now);
  const visible = opening.readsRecords ? access.filter((a) => a.visible) : [];
  // A write's record commits before the write (nothing is written unaudited); a read's only
  // before its answer leaves, which a held answer lets run alongside the data subgraphs.
  await (opening.kind === 'READ' ? ctx.auditRead : ctx.audit)({
    at: ctx.now.toISOString(),
    requestId: ctx.access.requestId,
    operationName: ctx.access.operationName,
    subject: auditSubject(principal, ctx),
    role: principal.role,
    unit: principal.org ?? null,
    kind: opening.kind,
    purpose: opening.purpose,
    citizenRef: ctx.deps.pseudonymize(cpr),
    areas: visible.map((a) => a.area),
    bases: Object.fromEntries(visible.map((a) => [a.area, a.basis])) as Partial<
      Record<SectorArea, AccessBasis>
    >,
  });
  // The version of the consent state: its latest instant, moved forward by every write.
  const consentVersion = latestConsentInstant(history);
  return unavailable
    ? { cpr, access, consentVersion, consentUnavailable: unavailable }
    : { cpr, access, consentVersion };
}

/**
 * The citizen's consent history. When the consent register cannot be read, access is decided
 * as if there were no consent, which fails closed (a consent only ever adds visibility), and
 * the error is kept so that the answer says why consented areas read as not visible.
 */
async function consentHistoryOf(
  cpr: string,
  ctx: ConsentContext,
): Promise<{ history: readonly ConsentRecord[]; unavailable: GraphQLError | null }> {
  try {
    return { history: await ctx.consentHistoryByCitizen.load(cpr), unavailable: null };
  } catch (err) {
    if (!isSourceError(err)) throw err;
    return { history: [], unavailable: err };
  }
}
