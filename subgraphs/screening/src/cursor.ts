/**
 * Opaque screening cursors. A cursor carries the group and the sort key of the last citizen
 * of a page, and the key holds that citizen's CPR and birth date, so cursors are sealed
 * (AES-256-GCM): a cursor a client keeps or puts in a URL never shows a CPR, and a forged or
 * altered one is refused. The key derives from the secret every instance shares, so a cursor
 * from one instance works on another.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
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
  const key = createHash('sha256').update(`screening-cursor:${secret}`).digest();
  const invalid = () =>
    badUserInput('after must be a cursor returned by screening for the same group');
  return {
    encode(group, sortKey) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([
        cipher.update(`${VERSION}:${group}:${sortKey}`, 'utf8'),
        cipher.final(),
      ]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    decode(cursor, group) {
      if (!/^[A-Za-z0-9_-]{30,200}$/.test(cursor)) throw invalid();
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.length < 12 + 16 + 1) throw invalid();
      let text: string;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(raw.length - 16));
        text = Buffer.concat([
          decipher.update(raw.subarray(12, raw.length - 16)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw invalid();
      }
      const m = /^v1:(MANDATORY|OPTIONAL):(\d{1,15})$/.exec(text);
      if (!m || m[1] !== group) throw invalid();
      return Number(m[2]);
    },
  };
}
