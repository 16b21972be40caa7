/**
 * The BFF's sessions: the caller's token stays here, the browser holds only an opaque random
 * id (256 bits) in an HttpOnly cookie. In memory, per process: a restart logs everybody out,
 * which is the safe failure; several instances behind a load balancer need sticky sessions
 * (or a shared store behind this interface).
 */
import { randomBytes } from 'node:crypto';

/** Who is logged in, as the UI shows it (no token). */
export interface SessionUser {
  readonly role: 'caseworker' | 'citizen' | 'screener' | 'auditor';
  /** The caseworker's areas of own authority. */
  readonly areas: readonly string[];
  /** The organisation unit, when the token names one. */
  readonly org: string | undefined;
  /** The citizen's own CPR (role citizen only). */
  readonly cpr: string | undefined;
}

/** One session: the bearer token forwarded to the gateway, and who it is. */
export interface Session {
  readonly token: string;
  readonly user: SessionUser;
  readonly createdAt: number;
  /** When the session ends at the latest (login + the maximum, or the token's expiry). */
  readonly endsAt: number;
  lastUsedAt: number;
}

/** The session store. */
export interface SessionStore {
  /** Stores a new session and returns its id; `maxMs` shortens its life (a token's expiry). */
  create(token: string, user: SessionUser, maxMs?: number): string;
  /** The live session of an id (and marks it used), or undefined. */
  get(id: string | undefined): Session | undefined;
  /** Ends a session. */
  delete(id: string | undefined): void;
  /** Stops the sweeper. */
  close(): void;
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** A session ends this long after login. */
  readonly maxMs: number;
  /**
   * At most this many live sessions; the oldest is dropped beyond (bounds memory).
   * @default 10000
   */
  readonly maxSessions?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Creates an in-memory session store with idle and absolute expiry. */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const now = options.now ?? Date.now;
  const maxSessions = options.maxSessions ?? 10_000;
  const sessions = new Map<string, Session>();
  const expired = (s: Session, t: number) => t - s.lastUsedAt > options.idleMs || t >= s.endsAt;
  const sweeper = setInterval(() => {
    const t = now();
    for (const [id, s] of sessions) if (expired(s, t)) sessions.delete(id);
  }, 60_000);
  sweeper.unref();
  return {
    create(token, user, maxMs) {
      // Map order is insertion order: the first key is the oldest session.
      while (sessions.size >= maxSessions) sessions.delete(sessions.keys().next().value as string);
      const id = randomBytes(32).toString('base64url');
      const t = now();
      const life = Math.min(options.maxMs, maxMs ?? options.maxMs);
      sessions.set(id, { token, user, createdAt: t, endsAt: t + life, lastUsedAt: t });
      return id;
    },
    get(id) {
      if (!id) return undefined;
      const s = sessions.get(id);
      if (!s) return undefined;
      const t = now();
      if (expired(s, t)) {
        sessions.delete(id);
        return undefined;
      }
      s.lastUsedAt = t;
      return s;
    },
    delete(id) {
      if (id) sessions.delete(id);
    },
    close() {
      clearInterval(sweeper);
    },
  };
}
