/**
 * Sealed short texts (AES-256-GCM), for opaque tokens a client holds and hands back, such as
 * page cursors: the client cannot read them (they may carry CPR-derived keys or internal ids)
 * and cannot alter or forge them. The key derives from a secret every instance shares and a
 * purpose, so a token from one instance opens on another and never under another purpose.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Seals and opens texts for one purpose. */
export interface TextSealer {
  /** URL-safe sealed form of `text`. */
  seal(text: string): string;
  /** The text, or null for anything not sealed by this sealer (malformed, altered, forged). */
  open(sealed: string): string | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealer keyed from `secret` for `purpose` (e.g. 'screening-cursor'). */
export function createTextSealer(secret: string, purpose: string): TextSealer {
  const key = createHash('sha256').update(`${purpose}:${secret}`).digest();
  return {
    seal(text) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(sealed) {
      if (!/^[A-Za-z0-9_-]{30,400}$/.test(sealed)) return null;
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES + 1) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
