/**
 * The development JWT secret when AUTH_JWT_SECRET is not set: generated once per machine
 * into ./data, so that `npm run token` and `npm start` on this machine agree without setup.
 * Production never reads it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the development secret lives. */
export const DEV_SECRET_FILE = new URL('../../data/dev-jwt-secret', import.meta.url).pathname;

/** Reads the development secret, creating it on first use. */
export function developmentJwtSecret(file = DEV_SECRET_FILE): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    // Another process created it first: use theirs.
    return readFileSync(file, 'utf8').trim();
  }
}
