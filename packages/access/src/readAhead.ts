/**
 * Reading ahead, between the gateway and the index subgraphs (DESIGN §9: a step in series
 * before the fan-out must be cheap or run alongside): while the consent subgraph decides what
 * an overview may show, the gateway tells the index subgraphs which citizens it is about, and
 * they start reading their sources. The message is `POST {READ_AHEAD_PATH}` with the body
 * {@link readAheadBody} and an access context signed for that body, as for any subgraph
 * request; the answer holds nothing. Records read ahead never leave a subgraph before a
 * grant for them arrives with the request's own entity fetch.
 */

/** The path of the message on an index subgraph. */
export const READ_AHEAD_PATH = '/prefetch';
/** The body's `query`: the access context binds the body like any other request's. */
export const READ_AHEAD_QUERY = 'prefetch';
/** Most citizens one message names. */
export const READ_AHEAD_MAX_CITIZENS = 100;

/** The body of a read-ahead message for these citizens. */
export function readAheadBody(cprs: readonly string[]): {
  readonly query: string;
  readonly variables: { readonly cprs: readonly string[] };
} {
  return { query: READ_AHEAD_QUERY, variables: { cprs } };
}
