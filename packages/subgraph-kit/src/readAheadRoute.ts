/**
 * `POST /prefetch` of an index subgraph (see `READ_AHEAD_PATH` in @hoi/access): the gateway's
 * word that an overview of these citizens is on its way. Only the gateway can say it (a valid
 * access context bound to this body), only for citizens its principal could be shown
 * anything of (a caseworker: any; a citizen: themself), and the answer holds nothing.
 */
import { READ_AHEAD_MAX_CITIZENS, READ_AHEAD_QUERY, type SignedBody } from '@hoi/access';
import { isValidCpr, parseCpr } from '@hoi/domain';
import { sendJson, type Logger, type PostRouteHandler } from '@hoi/platform';
import type { PrefetchingSource } from '@hoi/sources';
import { requestAccess, type VerifyAccessContext } from './requestAccess.js';

const error = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** The route over a source that reads ahead. */
export function readAheadRoute(
  verify: VerifyAccessContext,
  source: PrefetchingSource<unknown>,
  logger: Logger,
): PostRouteHandler {
  return async (req, res, body) => {
    const access = await requestAccess(req, body, verify);
    const principal = access?.principal;
    if (!principal)
      return sendJson(
        res,
        401,
        error('A valid gateway access context is required', 'UNAUTHENTICATED'),
      );
    const signed = typeof body === 'object' && body !== null ? (body as SignedBody) : undefined;
    const cprs =
      signed?.query === READ_AHEAD_QUERY
        ? (signed.variables as { cprs?: unknown } | undefined)?.cprs
        : undefined;
    if (!Array.isArray(cprs) || cprs.length > READ_AHEAD_MAX_CITIZENS)
      return sendJson(
        res,
        400,
        error(
          `Expected {"query":"${READ_AHEAD_QUERY}","variables":{"cprs":[…]}} with at most ${READ_AHEAD_MAX_CITIZENS} CPRs`,
          'BAD_REQUEST',
        ),
      );
    const started = performance.now();
    const reading = source.prefetch(
      cprs
        .filter(isValidCpr)
        .map((cpr) => parseCpr(cpr).cpr)
        .filter(
          (cpr) =>
            principal.role === 'caseworker' ||
            (principal.role === 'citizen' && principal.sub === cpr),
        ),
    );
    sendJson(res, 202, {});
    // Like a request's log line: its id, how long the read took, how many it read; no CPR.
    const citizens = await reading;
    logger.debug(
      {
        requestId: access.requestId,
        durationMs: Math.round(performance.now() - started),
        citizens,
      },
      'read ahead',
    );
  };
}
