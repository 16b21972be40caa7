/**
 * The app's transport: every GraphQL operation goes to the BFF's /api/graphql (same origin;
 * the session cookie goes along, the token stays on the server) as a typed document of the
 * client kit. The BFF header marks the request as the app's own (CSRF defence).
 */
import type { DocumentNode } from 'graphql';
import { operationText, type ResultOf, type VariablesOf } from '@hoi/client-kit';

const BFF_HEADERS = { 'content-type': 'application/json', 'x-hoi-bff': '1' } as const;

/** One error of an answer, as the gateway sends it. */
export interface ApiError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: {
    readonly code?: string;
    readonly source?: string;
    readonly serviceName?: string;
  };
}

/** An answer: data (possibly partial) and errors. */
export interface ApiResult<R> {
  readonly data: R | null;
  readonly errors: readonly ApiError[];
}

/** Runs a typed document through the BFF. */
export async function request<D extends DocumentNode>(
  document: D,
  variables: VariablesOf<D>,
): Promise<ApiResult<ResultOf<D>>> {
  type R = ResultOf<D>;
  let res: Response;
  try {
    res = await fetch('/api/graphql', {
      method: 'POST',
      headers: BFF_HEADERS,
      credentials: 'same-origin',
      body: JSON.stringify({ query: operationText(document), variables }),
    });
  } catch {
    return { data: null, errors: [{ message: 'network', extensions: { code: 'NETWORK' } }] };
  }
  let body: { data?: R | null; errors?: ApiError[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    return {
      data: null,
      errors: [{ message: `HTTP ${res.status}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    };
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** Who is logged in (from the BFF's session). */
export interface SessionInfo {
  readonly authenticated: boolean;
  readonly devLogin: boolean;
  /** The production login (OpenID Connect) at /auth/login. */
  readonly oidcLogin?: boolean;
  readonly role?: 'caseworker' | 'citizen' | 'screener' | 'auditor';
  readonly areas?: readonly string[];
  readonly org?: string | null;
  readonly cpr?: string | null;
}

/** The current session. */
export async function getSession(): Promise<SessionInfo> {
  const res = await fetch('/api/session', { credentials: 'same-origin' });
  return (await res.json()) as SessionInfo;
}

/** The development login; the error message (Danish) when the BFF refuses it. */
export async function devLogin(form: {
  role: string;
  areas: string[];
  org: string;
  cpr: string;
}): Promise<SessionInfo | { error: string }> {
  const res = await fetch('/auth/dev-login', {
    method: 'POST',
    headers: BFF_HEADERS,
    credentials: 'same-origin',
    body: JSON.stringify(form),
  });
  const body = (await res.json()) as SessionInfo & { errors?: ApiError[] };
  if (!res.ok) return { error: body.errors?.[0]?.message ?? `HTTP ${res.status}` };
  return body;
}

/** Ends the session. */
export async function logout(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', headers: BFF_HEADERS, credentials: 'same-origin' });
}
