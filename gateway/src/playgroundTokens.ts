/**
 * Development tokens for the playground's tabs (issue 15): minted per page, short-lived, signed
 * with the development secret the gateway verifies with, and only for a browser on this machine.
 * Production never gets a minter (compose.ts; the playground refuses one in production).
 */
import type { IncomingMessage } from 'node:http';
import { SECTOR_AREAS } from '@hoi/domain';
import { createDevTokenSigner } from '@hoi/platform';

/** The roles the playground's tabs act as. */
export type PlaygroundRole = 'caseworker' | 'citizen' | 'screener' | 'auditor';

/** Signs a development token for a role; a citizen's token names the citizen's CPR. */
export type DevTokenMinter = (
  role: PlaygroundRole,
  citizenCpr: string | undefined,
) => Promise<string>;

/** Options of {@link createDevTokenMinter}. */
export interface DevTokenMinterOptions {
  /** The HS256 secret the gateway verifies development tokens with. */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  /** Lifetime of each token. @default 3600 */
  readonly ttlSeconds?: number;
}

/** The unit the playground's tokens name: access logs then say where a look came from. */
export const PLAYGROUND_ORG = 'hoi-gateway playground (development)';

/** Lifetime of a playground token: an hour of trying things, then a reload mints new ones. */
export const PLAYGROUND_TOKEN_TTL_SECONDS = 3_600;

/**
 * Creates the minter. The caseworker has authority in every area (the overview shows all of
 * the sample); screener and auditor have none (their role's scope); the citizen is the sample.
 */
export function createDevTokenMinter(options: DevTokenMinterOptions): DevTokenMinter {
  const sign = createDevTokenSigner(options);
  const ttl = options.ttlSeconds ?? PLAYGROUND_TOKEN_TTL_SECONDS;
  return async (role, citizenCpr) => {
    if (role === 'citizen' && citizenCpr === undefined)
      throw new Error('a citizen token needs the citizen CPR');
    const sub = role === 'citizen' ? (citizenCpr as string) : `playground-${role}`;
    return sign({ sub, role, areas: SECTOR_AREAS, org: PLAYGROUND_ORG }, ttl);
  };
}

const LOOPBACK_ADDRESS = /^(?:::1|(?:::ffff:)?127(?:\.\d{1,3}){3})$/i;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * True when a request certainly comes from a browser on this machine, the only client a
 * development token may be embedded for (a development gateway may be bound to a LAN):
 * - the peer is a loopback address;
 * - no proxy headers: through a reverse proxy on this machine the peer is loopback, the
 *   client anywhere;
 * - the Host is a loopback name: a page of another site whose name was re-bound to 127.0.0.1
 *   (DNS rebinding) would otherwise read the page, token included, as its own origin.
 */
export function isLoopbackRequest(req: Pick<IncomingMessage, 'socket' | 'headers'>): boolean {
  const peer = req.socket.remoteAddress ?? '';
  if (!LOOPBACK_ADDRESS.test(peer)) return false;
  const h = req.headers;
  if (h['forwarded'] !== undefined || h['x-forwarded-for'] !== undefined) return false;
  if (h['x-real-ip'] !== undefined) return false;
  return LOOPBACK_HOST.test(h.host ?? '');
}
