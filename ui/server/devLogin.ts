/**
 * The development login: the form's choice (role, areas, org, a citizen's CPR) checked as
 * strictly as `npm run token` checks its flags, and a development token minted for it (HS256,
 * the kind `npm start`'s gateway accepts). Never reachable in production (the BFF does not
 * route to it there, and production gateways accept no HS256 token anyway).
 */
import { isSectorArea, isValidCpr, ORG_MAX_LENGTH, parseCpr } from '@hoi/domain';
import type { DevTokenSigner } from '@hoi/platform';
import type { SessionUser } from './sessions.js';

const ROLES = ['caseworker', 'citizen', 'screener', 'auditor'] as const;

/** Reads the login form (JSON); a Danish message on a bad value. */
export function parseDevLogin(body: unknown): SessionUser | { error: string } {
  if (typeof body !== 'object' || body === null) return { error: 'Ugyldig formular.' };
  const { role, areas, org, cpr } = body as Record<string, unknown>;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    return { error: 'Vælg en rolle.' };
  const r = role as SessionUser['role'];
  const unit = typeof org === 'string' && org.trim() ? org.trim() : undefined;
  if (unit !== undefined && unit.length > ORG_MAX_LENGTH)
    return { error: `Enheden må højst have ${ORG_MAX_LENGTH} tegn.` };
  const list = Array.isArray(areas) ? areas : [];
  if (!list.every((a): a is string => typeof a === 'string' && isSectorArea(a)))
    return { error: 'Ukendt område.' };
  if (r === 'caseworker') {
    if (list.length === 0) return { error: 'Vælg mindst ét område med egen myndighed.' };
    return { role: r, areas: [...new Set(list)], org: unit, cpr: undefined };
  }
  if (r === 'citizen') {
    if (typeof cpr !== 'string' || !isValidCpr(cpr))
      return { error: 'Skriv et gyldigt CPR-nummer (DDMMÅÅ-XXXX).' };
    return { role: r, areas: [], org: undefined, cpr: parseCpr(cpr).cpr };
  }
  return { role: r, areas: [], org: unit, cpr: undefined };
}

/** Mints the development token of a login. */
export function mintDevToken(
  sign: DevTokenSigner,
  user: SessionUser,
  ttlSeconds: number,
): Promise<string> {
  const sub = user.role === 'citizen' ? (user.cpr as string) : `${user.role}-dev`;
  return sign({ sub, role: user.role, areas: user.areas, org: user.org }, ttlSeconds);
}
