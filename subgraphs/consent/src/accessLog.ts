/**
 * A citizen's access log (aktindsigt, DESIGN §3a): every audited access to their data, newest
 * first, from this subgraph's audit log and from the screening subgraph's, merged into one
 * list and paged with sealed cursors. An entry names a role and a unit, never a person.
 */
import { createTextSealer } from '@hoi/access';
import {
  badUserInput,
  forbidden,
  type AccessBasis,
  type Principal,
  type SectorArea,
} from '@hoi/domain';

/** Where an entry stands in the merged order: newest first, then screening's, then by id. */
export interface LogPosition {
  readonly at: string;
  /** 'c': this subgraph's audit log, 's': the screening subgraph's. */
  readonly src: 'c' | 's';
  readonly id: string;
}

/** One entry as a part of the log returns it. */
export interface LogEntry {
  readonly position: LogPosition;
  readonly role: string;
  readonly unit: string | null;
  readonly kind: 'READ' | 'WRITE' | 'SCREENING';
  readonly purpose: string;
  readonly areas: readonly SectorArea[];
  readonly basis: readonly (AccessBasis | 'STATUTORY_SCREENING')[];
}

/** A part's entries after a position (newest first, at most `limit`) and its size. */
export interface LogPart {
  readonly entries: readonly LogEntry[];
  readonly totalCount: number;
}

/** Reads one part of a citizen's log. */
export type LogPartReader = (
  cpr: string,
  after: LogPosition | null,
  limit: number,
) => Promise<LogPart>;

/** Largest page of the access log. */
export const ACCESS_LOG_MAX_PAGE = 200;

/** True when `e` comes after `p` in the merged order (at desc, src desc, id desc). */
export function isAfter(e: LogPosition, p: LogPosition): boolean {
  if (e.at !== p.at) return e.at < p.at;
  if (e.src !== p.src) return e.src < p.src;
  return BigInt(e.id) < BigInt(p.id);
}

/** Merged order: newest first. */
function compare(a: LogEntry, b: LogEntry): number {
  return isAfter(a.position, b.position) ? 1 : isAfter(b.position, a.position) ? -1 : 0;
}

/** Who may read a citizen's access log: the citizen themself and the auditor role. */
export function requireLogReader(principal: Principal, cpr: string): void {
  const own = principal.role === 'citizen' && principal.sub === cpr;
  if (!own && principal.role !== 'auditor') {
    throw forbidden('The access log is for the citizen themself and the auditor role');
  }
}

/** Seals and opens access-log cursors. */
export function createLogCursors(secret: string) {
  const sealer = createTextSealer(secret, 'access-log-cursor');
  return {
    encode: (p: LogPosition) => sealer.seal(`v1|${p.at}|${p.src}|${p.id}`),
    decode(cursor: string): LogPosition {
      const m = /^v1\|(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([cs])\|(\d{1,19})$/.exec(
        sealer.open(cursor) ?? '',
      );
      if (!m) throw badUserInput('after must be an endCursor of this access log');
      return { at: m[1] as string, src: m[2] as 'c' | 's', id: m[3] as string };
    },
  };
}

/** One page of the merged log: `first` entries after `after`, whether more follow, the total. */
export async function accessLogPage(
  parts: readonly LogPartReader[],
  cpr: string,
  first: number,
  after: LogPosition | null,
): Promise<{ entries: LogEntry[]; hasNextPage: boolean; totalCount: number }> {
  if (!Number.isInteger(first) || first < 1 || first > ACCESS_LOG_MAX_PAGE) {
    throw badUserInput(`first must be from 1 to ${ACCESS_LOG_MAX_PAGE}, got ${first}`, {
      argument: 'first',
    });
  }
  // Each part gives one more than asked: together they tell whether anything follows.
  const answers = await Promise.all(parts.map((read) => read(cpr, after, first + 1)));
  const merged = answers.flatMap((a) => a.entries).sort(compare);
  return {
    entries: merged.slice(0, first),
    hasNextPage: merged.length > first,
    totalCount: answers.reduce((n, a) => n + a.totalCount, 0),
  };
}
