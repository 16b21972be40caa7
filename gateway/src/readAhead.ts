/**
 * Reading ahead (`READ_AHEAD_PATH` in @hoi/access; DESIGN §9): when an operation's plan asks
 * the consent subgraph first and index subgraphs after it, the gateway names the citizens to
 * those index subgraphs at once, so that their source reads run alongside the consent
 * decision instead of after it. Nothing is shown earlier: the index subgraphs still answer
 * only the entity fetch that carries the grant.
 *
 * A message costs each subgraph a small request, so it is sent only with spare capacity (few
 * requests in flight: at saturation the cores, not the sources' latency, bound the answer)
 * and not to a subgraph that answered for the citizen within the entity cache's lifetime
 * (its answer is likely cached, or at least its source read).
 */
import type { PlanNode, QueryPlan } from '@apollo/query-planner';
import { Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Dispatcher } from 'undici';
import {
  ACCESS_CONTEXT_HEADER,
  READ_AHEAD_MAX_CITIZENS,
  READ_AHEAD_PATH,
  readAheadBody,
} from '@hoi/access';
import { isValidCpr, parseCpr } from '@hoi/domain';
import type { Logger } from '@hoi/platform';
import type { GatewayContext } from './context.js';
import type { SignAccessContext } from './dataSources/SubgraphDataSource.js';
import { ENTITY_CACHEABLE } from './entityCache.js';

/** Requests in flight at most for a read ahead to be sent. */
const MAX_IN_FLIGHT = 4;
/**
 * How long a subgraph that does not read ahead (404: its source is in process, where a read
 * costs nothing to wait for) is not told again.
 */
const NOT_READING_AHEAD_MS = 300_000;

/** The gateway's read-ahead sender. */
export interface ReadAhead {
  /** A request started or finished (the capacity check). */
  started(): void;
  finished(): void;
  /** An operation's plan is known and about to run (ApolloGateway's didResolveQueryPlan). */
  planned(
    plan: QueryPlan,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
    context: GatewayContext,
  ): void;
  /** `subgraph` fetched answers for these citizens (they may be cached now). */
  fetched(subgraph: string, cprs: readonly string[]): void;
}

/** Options of {@link createReadAhead}. */
export interface ReadAheadOptions {
  /** A subgraph's GraphQL URL by name. */
  readonly subgraphUrl: (name: string) => string | undefined;
  readonly dispatcher: Dispatcher;
  readonly sign: SignAccessContext;
  /** How long a subgraph's answer for a citizen is taken to be cached; 0: no cache. */
  readonly cachedForMs: number;
  readonly logger: Logger;
}

/**
 * The index subgraphs a plan asks after its first fetch, when that first fetch goes to the
 * consent subgraph (which decides what they may show); none for any other plan.
 */
export function indexSubgraphsAfterConsent(plan: QueryPlan): string[] {
  const root = plan.node;
  if (root?.kind !== 'Sequence') return [];
  const [first, ...rest] = root.nodes;
  if (first?.kind !== 'Fetch' || first.serviceName !== 'consent') return [];
  const names = new Set<string>();
  const walk = (node: PlanNode): void => {
    if (node.kind === 'Fetch') {
      if (ENTITY_CACHEABLE.has(node.serviceName)) names.add(node.serviceName);
    } else if (node.kind === 'Sequence' || node.kind === 'Parallel') node.nodes.forEach(walk);
    else if (node.kind === 'Flatten') walk(node.node);
  };
  rest.forEach(walk);
  return [...names];
}

/**
 * The citizens an operation reads: `citizen(cpr:)`, `citizens(cprs:)` and, for a citizen,
 * `me`, at the root (aliases included; a root fragment is not looked into: no read ahead).
 */
export function citizensOf(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  context: GatewayContext,
): string[] {
  const valueOf = (node: ValueNode): unknown => {
    if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
    if (node.kind === Kind.STRING) return node.value;
    if (node.kind === Kind.LIST) return node.values.map(valueOf);
    return undefined;
  };
  const cprs: unknown[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const arg = (name: string) => selection.arguments?.find((a) => a.name.value === name)?.value;
    const field = selection.name.value;
    if (field === 'citizen') {
      const cpr = arg('cpr');
      if (cpr) cprs.push(valueOf(cpr));
    } else if (field === 'citizens') {
      const list = arg('cprs');
      const value = list ? valueOf(list) : undefined;
      if (Array.isArray(value)) cprs.push(...value);
    } else if (field === 'me' && context.principal?.role === 'citizen') {
      cprs.push(context.principal.sub);
    }
  }
  // Canonical, as the consent subgraph names them in the representations.
  return [...new Set(cprs.filter(isValidCpr).map((c) => parseCpr(c).cpr))];
}

/** Creates the sender. */
export function createReadAhead(options: ReadAheadOptions): ReadAhead {
  let inFlight = 0;
  const recent =
    options.cachedForMs > 0
      ? new LRUCache<string, true>({ max: 100_000, ttl: options.cachedForMs })
      : null;
  let warned = false;
  /** Subgraphs that answered 404, until when. */
  const notReadingAhead = new Map<string, number>();
  const send = async (subgraph: string, url: string, cprs: string[], context: GatewayContext) => {
    const body = readAheadBody(cprs);
    const signed = await options.sign(context, body);
    // Beside the GraphQL path (`…/graphql` → `…/prefetch`), also behind a path prefix.
    const target = new URL(READ_AHEAD_PATH.slice(1), url);
    const res = await options.dispatcher.request({
      origin: target.origin,
      path: target.pathname,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [ACCESS_CONTEXT_HEADER]: signed,
        // For log correlation only, as with every subgraph request.
        'x-request-id': context.requestId,
      },
      body: JSON.stringify(body),
    });
    await res.body.dump();
    if (res.statusCode === 404) notReadingAhead.set(subgraph, Date.now() + NOT_READING_AHEAD_MS);
    else if (res.statusCode !== 202 && !warned) {
      warned = true;
      options.logger.warn({ subgraph, status: res.statusCode }, 'read ahead refused');
    }
  };
  return {
    started: () => void (inFlight += 1),
    finished: () => void (inFlight = Math.max(0, inFlight - 1)),
    planned(plan, operation, variables, context) {
      if (inFlight > MAX_IN_FLIGHT || !context.principal) return;
      const subgraphs = indexSubgraphsAfterConsent(plan);
      if (subgraphs.length === 0) return;
      const cprs = citizensOf(operation, variables, context);
      if (cprs.length === 0 || cprs.length > READ_AHEAD_MAX_CITIZENS) return;
      const now = Date.now();
      const messages = subgraphs.flatMap((subgraph) => {
        if ((notReadingAhead.get(subgraph) ?? 0) > now) return [];
        const url = options.subgraphUrl(subgraph);
        const unseen = recent ? cprs.filter((cpr) => !recent.has(`${subgraph}|${cpr}`)) : cprs;
        return url && unseen.length > 0 ? [{ subgraph, url, unseen }] : [];
      });
      if (messages.length === 0) return;
      // After the consent request has gone out (the plan starts with it: it is the longer
      // way), then one message per subgraph. Best effort: a lost message only means the
      // request reads in series, as without it.
      setImmediate(() => {
        for (const m of messages) send(m.subgraph, m.url, m.unseen, context).catch(() => {});
      });
    },
    fetched(subgraph, cprs) {
      if (recent) for (const cpr of cprs) recent.set(`${subgraph}|${cpr}`, true);
    },
  };
}
