/**
 * One subgraph asking another on behalf of the request's caller (the plan subgraph opening a
 * citizen for a write at the consent subgraph; the consent subgraph reading screening's part
 * of an access log): the same caller and request id, in an access context signed for this
 * call's body, with a timeout.
 */
import { ACCESS_CONTEXT_HEADER, createAccessContextSigner, type AccessContext } from '@hoi/access';

/** A GraphQL request to another subgraph. */
export interface SubgraphRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

/**
 * Posts requests to the subgraph at `url`; resolves its JSON answer, rejects when it cannot
 * be reached, times out or answers no JSON (the caller decides what that means).
 */
export function createSubgraphClient(options: {
  readonly url: string;
  readonly accessContextSecret: string;
  readonly timeoutMs: number;
}): <T>(access: AccessContext, request: SubgraphRequest) => Promise<T> {
  const sign = createAccessContextSigner(options.accessContextSecret);
  return async <T>(access: AccessContext, request: SubgraphRequest): Promise<T> => {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // This client reads whole answers: it never asks for held ones (the gateway does).
        [ACCESS_CONTEXT_HEADER]: await sign({ ...access, heldAnswers: false }, request),
        'x-request-id': access.requestId,
      },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return (await res.json()) as T;
  };
}
