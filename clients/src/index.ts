/**
 * The client kit (@hoi/client-kit): a typed document per documented operation (graphql-codegen's
 * client preset over schema/api.graphql and operations/*.graphql), the persisted-operation ids
 * the gateway's TRUSTED_OPERATIONS manifest holds, the error-code catalogue and the Danish
 * labels of every enum value. No side effects, no network, nothing Node-only: a client brings its own transport.
 */
import { print, type DocumentNode } from 'graphql';
import errors from '../errors.json' with { type: 'json' };
import labels from '../labels.da.json' with { type: 'json' };
import type {
  AccessBasis,
  AccessKind,
  AgreementStatus,
  ConsentChannel,
  ConsentStatus,
  GoalStatus,
  HoiGroup,
  PlanStatus,
  SectorArea,
  TimelineKind,
} from './__generated__/graphql.js';

export * from './__generated__/graphql.js';

/**
 * The result type of a typed document (`ResultOf<typeof CitizenOverviewDocument>`), read from
 * the phantom `__apiType` of @graphql-typed-document-node/core's TypedDocumentNode.
 */
export type ResultOf<D> = D extends { __apiType?: (variables: never) => infer R } ? R : never;

/** The variables type of a typed document. */
export type VariablesOf<D> = D extends { __apiType?: (variables: infer V) => unknown } ? V : never;

/**
 * The text a client sends for a typed document: graphql-js's `print` of it, the exact text the
 * persisted-operation manifest holds (so a trusted-operations gateway accepts it).
 */
export const operationText = (document: DocumentNode): string => print(document);

/**
 * The persisted-operation id of a typed document: the SHA-256 (hex) of its text, the APQ hash
 * (`extensions.persistedQuery.sha256Hash`) and the key of persisted-operations.json.
 */
export async function operationId(document: DocumentNode): Promise<string> {
  // Web Crypto, not node:crypto: the kit runs in browsers too.
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(print(document)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Danish labels of the values of every enum of the API (a value the UI shows). */
export interface DanishLabels {
  readonly AccessBasis: Readonly<Record<AccessBasis, string>>;
  readonly AccessKind: Readonly<Record<AccessKind, string>>;
  readonly AgreementStatus: Readonly<Record<AgreementStatus, string>>;
  readonly ConsentChannel: Readonly<Record<ConsentChannel, string>>;
  readonly ConsentStatus: Readonly<Record<ConsentStatus, string>>;
  readonly GoalStatus: Readonly<Record<GoalStatus, string>>;
  readonly HoiDecisionKind: Readonly<Record<'HOI_CASE' | 'DECLINED', string>>;
  readonly HoiGroup: Readonly<Record<HoiGroup, string>>;
  readonly PlanStatus: Readonly<Record<PlanStatus, string>>;
  readonly SectorArea: Readonly<Record<SectorArea, string>>;
  readonly TimelineKind: Readonly<Record<TimelineKind, string>>;
}

/** Danish labels for every enum value of schema/api.graphql (labels.da.json). */
export const LABELS_DA: DanishLabels = labels satisfies DanishLabels;

/** What a client should do about an error code. */
export type ErrorAction =
  | 'FIX_INPUT'
  | 'FIX_CLIENT'
  | 'REAUTHENTICATE'
  | 'RETRY_LATER'
  | 'RELOAD'
  | 'RELOAD_AND_RETRY'
  | 'RESEND_DOCUMENT'
  | 'SHOW_PARTIAL'
  | 'NONE';

/** The meaning of an error code and what to do about it, in one language. */
export interface ErrorText {
  readonly meaning: string;
  readonly whatToDo: string;
}

/** One entry of the error-code catalogue (errors.json). */
export interface ErrorCatalogueEntry {
  /** The HTTP status the answer usually carries (200: the error is in `errors` of a 200). */
  readonly httpStatus: number;
  readonly action: ErrorAction;
  /** Whether the same request may succeed later (after a delay, a reload or a resend). */
  readonly retry: boolean;
  readonly en: ErrorText;
  readonly da: ErrorText;
}

/**
 * The error-code catalogue: every `extensions.code` the API answers with (ours and Apollo's
 * request codes), its HTTP status, meaning and what a client should do, in English and Danish.
 */
export const ERROR_CATALOGUE: Readonly<Record<string, ErrorCatalogueEntry>> = errors as Record<
  string,
  ErrorCatalogueEntry
>;
