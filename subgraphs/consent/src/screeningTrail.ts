/**
 * The screening subgraph's part of a citizen's access log: its audit records of screening
 * evaluations and HOI decisions (DESIGN §3a: "screening evaluations of that citizen all
 * appear"). Asked over HTTP with an access context signed for the same caller and request,
 * so the screening subgraph checks the caller again.
 */
import type { AccessContext } from '@hoi/access';
import { createSubgraphClient } from '@hoi/subgraph-kit';
import { isSectorArea, sourceUnavailable } from '@hoi/domain';
import type { LogEntry, LogPart, LogPosition } from './accessLog.js';

const TRAIL = `query AccessTrail($cpr: CPR!, $first: Int!, $afterAt: DateTime, $afterSrc: String, $afterId: String) {
  accessTrail(cpr: $cpr, first: $first, afterAt: $afterAt, afterSrc: $afterSrc, afterId: $afterId) {
    totalCount entries { id at role unit kind purpose areas basis }
  }
}`;

/** The name of this part in SOURCE_UNAVAILABLE errors. */
export const SCREENING_TRAIL = 'screening-audit-log';

interface TrailEntry {
  readonly id: string;
  readonly at: string;
  readonly role: string;
  readonly unit: string | null;
  readonly kind: LogEntry['kind'];
  readonly purpose: string;
  readonly areas: string[];
  readonly basis: string[];
}

/** Reads the screening part of one citizen's log for the caller of `access`. */
export type ScreeningTrail = (
  access: AccessContext,
  cpr: string,
  after: LogPosition | null,
  limit: number,
) => Promise<LogPart>;

/** The screening part over HTTP, at `url`. */
export function createHttpScreeningTrail(options: {
  readonly url: string;
  readonly accessContextSecret: string;
  readonly timeoutMs: number;
}): ScreeningTrail {
  const call = createSubgraphClient(options);
  return async (access, cpr, after, limit) => {
    let body: {
      data?: { accessTrail?: { totalCount: number; entries: TrailEntry[] } } | null;
      errors?: unknown[];
    };
    try {
      body = await call(access, {
        query: TRAIL,
        variables: {
          cpr,
          first: limit,
          afterAt: after?.at ?? null,
          afterSrc: after?.src ?? null,
          afterId: after?.id ?? null,
        },
      });
    } catch (err) {
      throw sourceUnavailable(SCREENING_TRAIL, err, 'CONNECTION');
    }
    const trail = body.data?.accessTrail;
    if (body.errors?.length || !trail || !Array.isArray(trail.entries)) {
      throw sourceUnavailable(SCREENING_TRAIL, undefined, 'MALFORMED');
    }
    return {
      totalCount: trail.totalCount,
      entries: trail.entries.map((e) => ({
        position: { at: e.at, src: 's', id: e.id },
        role: e.role,
        unit: e.unit,
        kind: e.kind,
        purpose: e.purpose,
        areas: e.areas.filter(isSectorArea),
        basis: e.basis as LogEntry['basis'][number][],
      })),
    };
  };
}
