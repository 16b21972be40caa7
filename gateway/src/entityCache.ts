/**
 * The gateway's second cache layer (DESIGN §6): whole `_entities` answers of the data
 * subgraphs, keyed by subgraph, operation and variables (the representations, each grant
 * reduced to its decision: the visible areas and the consent version). So the key holds
 * who-may-see-what, and a withdrawn or expired consent can never hit an old entry: correct by
 * construction. Entries are shared by callers whose grants hold the same decision: the data
 * subgraphs' answers depend on nothing else.
 *
 * The consent subgraph is never cached or shared here: it decides access and audits every read.
 *
 * In front of a shared (Redis) cache sits a bounded in-process layer of this instance's own
 * answers: a hit there costs no round trip. Its entries are safe to keep for the same reasons
 * (the key holds the decision) and live no longer than the shared entry written with them.
 */
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { LRUCache } from 'lru-cache';
import { grantDecision } from '@hoi/access';
import type { SealedCache } from '@hoi/cache';
import type { Metrics } from '@hoi/platform';

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

/**
 * The in-process layer of entity answers, shared by the data subgraphs' entity caches of one
 * gateway: the answer's JSON under its cache key, bounded by the text's size.
 */
export type NearEntityCache = LRUCache<string, string>;

/** Creates the in-process layer holding at most `maxMiB` of answers; null for 0 (off). */
export function createNearEntityCache(maxMiB: number): NearEntityCache | null {
  if (maxMiB <= 0) return null;
  return new LRUCache<string, string>({
    // UTF-16 code units ~ 2 bytes each.
    maxSize: maxMiB * 1024 * 1024,
    sizeCalculation: (json) => Math.max(1, json.length * 2),
  });
}

/** The citizens of an entity fetch's representations. */
function representedCitizens(variables: Record<string, unknown> | undefined): string[] {
  const representations = variables?.representations;
  if (!Array.isArray(representations)) return [];
  return representations
    .map((r: unknown) => (r as { cpr?: unknown } | null)?.cpr)
    .filter((cpr): cpr is string => typeof cpr === 'string');
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
  options: {
    /** The in-process layer; used only in front of a shared store (an in-process one is one already). */
    readonly near?: NearEntityCache | null;
    /** Counts the in-process layer's hits with the shared cache's (`hoi_cache_operations_total`). */
    readonly metrics?: Metrics;
    /** Told the citizens of every answer fetched from the subgraph (the read ahead's hint). */
    readonly fetched?: (cprs: string[]) => void;
  } = {},
): EntityCache | null {
  if (!ENTITY_CACHEABLE.has(subgraph)) return null;
  const nearLayer = cache?.store.kind === 'redis' ? (options.near ?? null) : null;
  const namespace = `entities:${subgraph}`;
  /** An entity fetch in flight: how many joined it, and the copy they are given copies of. */
  interface InFlight {
    joiners: number;
    snapshot: Promise<GatewayGraphQLResponse>;
  }
  const inFlight = new Map<string, InFlight>();
  const result = (r: GatewayGraphQLResponse): GatewayGraphQLResponse => ({
    data: r.data,
    ...(r.errors ? { errors: r.errors } : {}),
    ...(r.extensions ? { extensions: r.extensions } : {}),
  });

  const cached = async (
    text: string,
    cprs: string[],
    load: () => Promise<GatewayGraphQLResponse>,
  ) => {
    if (!cache) return load();
    const key = cache.keyFor(namespace, text);
    const nearHit = nearLayer?.get(key);
    if (nearHit !== undefined) {
      options.metrics?.cacheOps.inc({ cache: namespace, result: 'hit' });
      return JSON.parse(nearHit) as GatewayGraphQLResponse;
    }
    const [hit] = await cache.getJson<GatewayGraphQLResponse>(namespace, [key]);
    // A shared hit is not copied into the near layer: its remaining lifetime is unknown here.
    if (hit) return hit;
    const response = await load();
    // Only the GraphQL result: the HTTP response object is not data; errors are not kept.
    if (!response.errors?.length) {
      options.fetched?.(cprs);
      const value = result(response);
      if (nearLayer) {
        nearLayer.set(key, JSON.stringify(value), { ttl: ttlMs });
        // The answer need not wait for the shared copy: this instance has its own, and a
        // store never throws (a failed write only makes another instance miss).
        void cache.setJson(namespace, [{ key, value, ttlMs }]);
      } else await cache.setJson(namespace, [{ key, value, ttlMs }]);
    }
    return response;
  };

  return {
    async through(request, load) {
      const query = request.query ?? '';
      // Only entity queries: anything else (a mutation, a root field) goes straight through.
      if (!/^\s*query\b[^{]*\{\s*_entities\s*\(/.test(query)) return load();
      const text = `${query}\n${JSON.stringify(answerVariables(request.variables ?? {}))}`;
      const running = inFlight.get(text);
      if (running) {
        running.joiners += 1;
        return structuredClone(await running.snapshot);
      }
      const mine = cached(text, representedCitizens(request.variables), load);
      const entry: InFlight = { joiners: 0, snapshot: mine };
      // The snapshot is taken before the first caller continues (its reaction is registered
      // first), so nothing the gateway does with the original can reach a joiner; and only
      // when someone joined (a copy of every answer was ~5 % of the gateway's CPU).
      entry.snapshot = mine.then(
        (r) => {
          inFlight.delete(text);
          return entry.joiners > 0 ? structuredClone(result(r)) : r;
        },
        (e: unknown) => {
          inFlight.delete(text);
          throw e;
        },
      );
      // The first caller handles its own failure; without joiners nobody awaits the snapshot.
      entry.snapshot.catch(() => {});
      inFlight.set(text, entry);
      return mine;
    },
  };
}
