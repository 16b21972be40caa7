/** The access context a request to a subgraph carries, checked against the body it came with. */
import type { IncomingMessage } from 'node:http';
import { ACCESS_CONTEXT_HEADER, type AccessContext, type SignedBody } from '@hoi/access';

/** Verifies an access-context header value against a body; null when not valid. */
export type VerifyAccessContext = (
  token: string | undefined,
  body: SignedBody | undefined,
) => Promise<AccessContext | null>;

/** The request's verified access context, or null: no header, a bad one, or another body's. */
export function requestAccess(
  req: IncomingMessage,
  body: unknown,
  verify: VerifyAccessContext,
): Promise<AccessContext | null> {
  const header = req.headers[ACCESS_CONTEXT_HEADER];
  return verify(
    typeof header === 'string' ? header : undefined,
    typeof body === 'object' && body !== null ? (body as SignedBody) : undefined,
  );
}
