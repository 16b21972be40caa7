/**
 * The gateway's second cache layer (DESIGN §6): whole `_entities` answers of the data
 * subgraphs, keyed by subgraph, operation and variables (the full representations). The
 * representations carry the signed access grant, so the key holds who-may-see-what and a
 * withdrawn or expired consent can never hit an old entry: correct by construction.
 *
 * The consent subgraph is never cached here: it decides access and audits every read.
 */
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { SealedCache } from '../../subgraphs/shared/src/cache/sealedCache.js';

/** Caches entity answers of one subgraph. */
export interface EntityCache {
  /** The cached answer, or a loader's fresh one (cached when it has no errors). */
  through(
    request: { query?: string; variables?: Record<string, unknown> },
    load: () => Promise<GatewayGraphQLResponse>,
  ): Promise<GatewayGraphQLResponse>;
}

/** Subgraphs whose answers depend only on the representation (not on who asks). */
export const ENTITY_CACHEABLE = new Set(['cases', 'benefits', 'interventions', 'employment']);

/** Creates the entity cache of a subgraph, or null when it must not be cached. */
export function createEntityCache(subgraph: string, cache: SealedCache | null, ttlMs: number): EntityCache | null {
  if (!cache || !ENTITY_CACHEABLE.has(subgraph)) return null;
  const namespace = `entities:${subgraph}`;
  return {
    async through(request, load) {
      const query = request.query ?? '';
      // Only entity queries: anything else (a mutation, a root field) goes straight through.
      if (!/^\s*query\b[^{]*\{\s*_entities\s*\(/.test(query)) return load();
      const key = cache.keyFor(namespace, `${query}\n${JSON.stringify(request.variables ?? {})}`);
      const [hit] = await cache.getJson<GatewayGraphQLResponse>(namespace, [key]);
      if (hit) return hit;
      const response = await load();
      if (!response.errors?.length) {
        // Only the GraphQL result: the HTTP response object is not data.
        const { data, extensions } = response;
        await cache.setJson(namespace, [{ key, value: { data, ...(extensions ? { extensions } : {}) }, ttlMs }]);
      }
      return response;
    },
  };
}
