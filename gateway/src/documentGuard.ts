/**
 * The checks of a request's document that must refuse it before Apollo parses or validates
 * anything (DESIGN §3b, §4). They run while Apollo builds the request's context (after
 * authentication and the rate limit): an error thrown there is answered with its code and
 * HTTP status, while one thrown from Apollo's own pre-execution hooks or validation would
 * become INTERNAL_SERVER_ERROR.
 *
 * - APQ after authentication: a request without a principal that names a persisted query is
 *   UNAUTHENTICATED (no oracle of what others ran);
 * - an APQ hash that is not the SHA-256 of its query is BAD_REQUEST;
 * - with `TRUSTED_OPERATIONS=required`, a document (or id) outside the manifest is
 *   OPERATION_NOT_ALLOWED;
 * - the token count (the lexer stops at the limit, the parser is given `maxTokens`), then
 *   depth, aliases and root fields, checked on the parsed document before graphql-js
 *   validation runs (some of its rules are quadratic in repeated selections).
 *
 * Documents that passed are remembered by hash (a bounded set), so a repeated document costs
 * one SHA-256; Apollo caches its own parse and validation the same way.
 */
import type { HTTPGraphQLRequest } from '@apollo/server';
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { badRequest, operationNotAllowed, unauthenticated, type Principal } from '@hoi/domain';
import { checkTokens, operationLimitRules, type OperationLimits } from './operationLimits.js';
import { documentHash, type TrustedOperations } from './trustedOperations.js';

/** Options of {@link createDocumentGuard}. */
export interface DocumentGuardOptions {
  readonly limits: OperationLimits;
  /** The API schema once loaded (the limit rules need a validation context). */
  readonly schema: () => GraphQLSchema | null;
  readonly trusted: TrustedOperations | null;
  /** Only the manifest's operations run. */
  readonly required: boolean;
  /** How many passed documents are remembered. @default 2000 */
  readonly remember?: number;
}

/** The query text and extensions of a single (not batched) request, GET or POST. */
export function requestParts(http: HTTPGraphQLRequest): {
  query: unknown;
  extensions: Record<string, unknown> | undefined;
} | null {
  if (http.method === 'GET') {
    const params = new URLSearchParams(http.search);
    let extensions: unknown;
    try {
      extensions = JSON.parse(params.get('extensions') ?? 'null');
    } catch {
      extensions = undefined;
    }
    return {
      query: params.get('query') ?? undefined,
      extensions: isRecord(extensions) ? extensions : undefined,
    };
  }
  if (!isRecord(http.body)) return null;
  const extensions = http.body.extensions;
  return { query: http.body.query, extensions: isRecord(extensions) ? extensions : undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The persisted-query hash a request names, '' for a malformed one, or null for none. */
export function persistedHash(extensions: Record<string, unknown> | undefined): string | null {
  const pq = extensions?.persistedQuery;
  if (!isRecord(pq)) return null;
  return typeof pq.sha256Hash === 'string' ? pq.sha256Hash.toLowerCase() : '';
}

/**
 * Runs the limit rules alone; throws the first limit exceeded. The rules throw at the
 * operation's first node, so nothing else of the document is visited.
 */
function checkStaticLimits(schema: GraphQLSchema, document: DocumentNode, limits: OperationLimits) {
  validate(schema, document, operationLimitRules(limits));
}

/** Creates the guard; `check` throws the error a request is refused with. */
export function createDocumentGuard(options: DocumentGuardOptions) {
  const { limits, trusted } = options;
  const remember = options.remember ?? 2000;
  const passed = new Set<string>();
  return {
    check(http: HTTPGraphQLRequest, principal: Principal | null): void {
      const parts = requestParts(http);
      if (!parts) return;
      let { query } = parts;
      const hash = persistedHash(parts.extensions);
      if (hash !== null) {
        if (!principal) throw unauthenticated();
        if (typeof query === 'string') {
          if (documentHash(query) !== hash)
            throw badRequest('The persisted query hash is not the SHA-256 of the query sent');
        } else {
          query = trusted?.byHash.get(hash);
          if (query === undefined) {
            if (options.required)
              throw operationNotAllowed('Only trusted operations run here; this id is not one');
            return;
          }
        }
      }
      if (typeof query !== 'string') return;
      // First what costs least on a huge document: the lexer stops at the limit, a hash of
      // 1 MiB does not.
      checkTokens(query, limits.tokens);
      const queryHash = documentHash(query);
      if (options.required && !trusted?.byHash.has(queryHash))
        throw operationNotAllowed('Only trusted operations run here; this document is not one');
      if (passed.has(queryHash)) return;
      const schema = options.schema();
      let document: DocumentNode;
      try {
        document = parse(query, { maxTokens: limits.tokens, noLocation: true });
      } catch {
        return; // Apollo answers GRAPHQL_PARSE_FAILED
      }
      if (schema) checkStaticLimits(schema, document, limits);
      if (passed.size >= remember) passed.clear();
      passed.add(queryHash);
    },
  };
}
