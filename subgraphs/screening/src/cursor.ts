/**
 * Opaque screening cursors. A cursor carries the group and the sort key of the last citizen
 * of a page, and the key holds that citizen's CPR and birth date, so cursors are sealed
 * (AES-256-GCM): a cursor a client keeps or puts in a URL never shows a CPR, and a forged or
 * altered one is refused. The key derives from the secret every instance shares, so a cursor
 * from one instance works on another.
 */
import { createTextSealer } from '@hoi/access';
import { badUserInput } from '@hoi/domain';
import type { HoiGroup } from './eligibility.js';

const VERSION = 'v1';

/** Seals and opens cursors. */
export interface CursorCodec {
  encode(group: HoiGroup, key: number): string;
  /** The key in a cursor of `group`; BAD_USER_INPUT for anything else. */
  decode(cursor: string, group: HoiGroup): number;
}

/** A codec keyed from `secret` (the access-context secret). */
export function createCursorCodec(secret: string): CursorCodec {
  const sealer = createTextSealer(secret, 'screening-cursor');
  const invalid = () =>
    badUserInput('after must be a cursor returned by screening for the same group');
  return {
    encode: (group, sortKey) => sealer.seal(`${VERSION}:${group}:${sortKey}`),
    decode(cursor, group) {
      const m = /^v1:(MANDATORY|OPTIONAL):(\d{1,15})$/.exec(sealer.open(cursor) ?? '');
      if (!m || m[1] !== group) throw invalid();
      return Number(m[2]);
    },
  };
}
