/**
 * Readiness (DESIGN §7, issues 5 and 14). A subgraph is ready while its required store answers
 * (if it has one) and at least one of its sources does. The gateway is ready when it can
 * serve: the consent subgraph, which decides every access and owns the writes, answers and is
 * ready. A data subgraph that is down, or whose sources are, makes answers partial, not the
 * gateway unready: taking every gateway instance out of service for it would turn a partial
 * outage into a total one. While a process shuts down, its `/ready` answers 503 first
 * (runService).
 */

/** Something `/ready` probes: a source (or any dependency) with an optional cheap check. */
export interface ReadinessProbe {
  readonly name: string;
  /** Absent for in-process dependencies, which are always there. */
  ready?(): Promise<boolean>;
}

/** What a subgraph's `/ready` reports. */
export interface SubgraphReadiness {
  readonly ready: boolean;
  readonly service: string;
  /** Whether the required store answers; absent for subgraphs without one. */
  readonly store?: boolean;
  /** Whether each source answers, by source name. */
  readonly sources: Readonly<Record<string, boolean>>;
}

/** Probes a subgraph's store and sources (in parallel). */
export async function subgraphReadiness(
  service: string,
  store: (() => Promise<boolean>) | undefined,
  sources: readonly ReadinessProbe[],
): Promise<SubgraphReadiness> {
  const [storeOk, probes] = await Promise.all([
    store ? store().catch(() => false) : undefined,
    Promise.all(
      sources.map(
        async (s) => [s.name, s.ready ? await s.ready().catch(() => false) : true] as const,
      ),
    ),
  ]);
  const ready = storeOk !== false && (probes.length === 0 || probes.some(([, ok]) => ok));
  return {
    ready,
    service,
    ...(storeOk === undefined ? {} : { store: storeOk }),
    sources: Object.fromEntries(probes),
  };
}

/** The gateway's view of one subgraph: unreachable, or what its `/ready` said. */
export type SubgraphProbe = SubgraphReadiness | 'unreachable';

/** The subgraph the gateway cannot serve without: every access decision is its answer. */
const GATEWAY_REQUIRED_SUBGRAPH = 'consent';

/**
 * Whether the gateway can serve, from its subgraphs' probes: the consent subgraph is
 * reachable and ready (by its own verdict: its store and its source). Any other subgraph
 * unreachable or not ready only makes answers partial.
 */
export function gatewayReady(probes: Readonly<Record<string, SubgraphProbe>>): boolean {
  const consent = probes[GATEWAY_REQUIRED_SUBGRAPH];
  return consent !== undefined && consent !== 'unreachable' && consent.ready;
}

/** Reads a subgraph's `/ready` answer (200 or 503 alike); 'unreachable' for anything else. */
export function parseSubgraphReadiness(json: unknown): SubgraphProbe {
  if (
    typeof json !== 'object' ||
    json === null ||
    typeof (json as { ready?: unknown }).ready !== 'boolean'
  )
    return 'unreachable';
  const { ready, service, store, sources } = json as Record<string, unknown>;
  return {
    ready: ready === true,
    service: typeof service === 'string' ? service : '',
    ...(typeof store === 'boolean' ? { store } : {}),
    sources:
      typeof sources === 'object' && sources !== null
        ? Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, v === true]))
        : {},
  };
}
