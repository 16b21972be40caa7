/**
 * The services of the system and where they listen by default: the subgraphs' names and
 * ports (supergraph.yaml's routing URLs), shared by the launcher, the gateway's `<NAME>_URL`
 * overrides and each subgraph's configuration.
 */

/** Default ports of the subgraphs (supergraph.yaml's routing URLs). */
export const DEFAULT_SUBGRAPH_PORTS = {
  consent: 4001,
  cases: 4002,
  benefits: 4003,
  interventions: 4004,
  employment: 4005,
  screening: 4006,
  plan: 4007,
} as const;

/** The name of a subgraph. */
export type SubgraphName = keyof typeof DEFAULT_SUBGRAPH_PORTS;

/** Every subgraph's name, in DEFAULT_SUBGRAPH_PORTS' order. */
export const SUBGRAPH_NAMES = Object.freeze(
  Object.keys(DEFAULT_SUBGRAPH_PORTS),
) as readonly SubgraphName[];
