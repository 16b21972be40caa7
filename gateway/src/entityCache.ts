/**
 * The gateway's second cache layer (DESIGN §6): whole `_entities` answers of the data
 * subgraphs, keyed by subgraph, operation and variables (the representations, each grant
 * reduced to its decision: the visible areas and the consent version). So the key holds
 * who-may-see-what, and a withdrawn or expired consent can never hit an old entry: correct by
 * construction. Entries are shared by callers whose grants hold the same decision: the data
 * subgraphs' answers depend on nothing else.
 *
 * The consent subgraph is never cached or shared here: it decides access and audits every read.
 */
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { grantDecision } from '@hoi/access';
import type { SealedCache } from '@hoi/cache';

/** Caches entity answers of one subgraph. */
export interface EntityCache {
  /** The cached answer, or a loader's fresh one (cached when it has no errors). */
  through(
    request: { query?: string; variables?: Record<string, unknown> },
    load: () => Promise<GatewayGraphQLResponse>,
  ): Promise<GatewayGraphQLResponse>;
}

/**
 * The variables an entity answer depends on: each representation's grant reduced to its
 * decision (visible areas and consent version; grantDecision). The grant itself also binds
 * the principal and a 30-s window, which would keep every caseworker's reads of a citizen
 * apart and end every entry after the window; the decision is what the answer rests on.
 */
function answerVariables(variables: Record<string, unknown>): Record<string, unknown> {
  const representations = variables.representations;
  if (!Array.isArray(representations)) return variables;
  return {
    ...variables,
    representations: representations.map((r: unknown) => {
      if (typeof r !== 'object' || r === null || !('accessGrant' in r)) return r;
      const decision = grantDecision((r as { accessGrant: unknown }).accessGrant);
      return decision === null ? r : { ...r, accessGrant: `decision:${decision}` };
    }),
  };
}

/** Subgraphs whose answers depend only on the representation (not on who asks). */
export const ENTITY_CACHEABLE = new Set(['cases', 'benefits', 'interventions', 'employment']);

/**
 * Creates the entity layer of a subgraph, or null for subgraphs whose answers depend on who
 * asks (consent decides access and audits every read: never shared, never cached).
 *
 * Identical entity fetches in flight at the same time are made once and shared (the answer
 * depends only on the request, grant included); each joiner gets its own copy, because the
 * gateway merges answers into its per-request result. With a cache, answers are also kept.
 */
export function createEntityCache(
  subgraph: string,
  cache: SealedCache | null,
  ttlMs: number,
): EntityCache | null {
  if (!ENTITY_CACHEABLE.has(subgraph)) return null;
  const namespace = `entities:${subgraph}`;
  const inFlight = new Map<string, Promise<GatewayGraphQLResponse>>();
  const result = (r: GatewayGraphQLResponse): GatewayGraphQLResponse => ({
    data: r.data,
    ...(r.errors ? { errors: r.errors } : {}),
    ...(r.extensions ? { extensions: r.extensions } : {}),
  });

  const cached = async (text: string, load: () => Promise<GatewayGraphQLResponse>) => {
    if (!cache) return load();
    const key = cache.keyFor(namespace, text);
    const [hit] = await cache.getJson<GatewayGraphQLResponse>(namespace, [key]);
    if (hit) return hit;
    const response = await load();
    // Only the GraphQL result: the HTTP response object is not data; errors are not kept.
    if (!response.errors?.length)
      await cache.setJson(namespace, [{ key, value: result(response), ttlMs }]);
    return response;
  };

  return {
    async through(request, load) {
      const query = request.query ?? '';
      // Only entity queries: anything else (a mutation, a root field) goes straight through.
      if (!/^\s*query\b[^{]*\{\s*_entities\s*\(/.test(query)) return load();
      const text = `${query}\n${JSON.stringify(answerVariables(request.variables ?? {}))}`;
      const running = inFlight.get(text);
      if (running) return structuredClone(await running);
      const mine = cached(text, load);
      // The snapshot is taken before the first caller continues (its reaction is registered
      // first), so nothing the gateway does with the original can reach a joiner.
      const snapshot = mine.then((r) => structuredClone(result(r)));
      inFlight.set(text, snapshot);
      const forget = () => inFlight.delete(text);
      snapshot.then(forget, forget);
      return mine;
    },
  };
}
