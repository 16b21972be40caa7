/**
 * Signing webhook bodies: `x-hoi-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">`, keyed by CONSENT_WEBHOOK_SECRET. The timestamp is inside the MAC, so a
 * receiver that rejects old timestamps makes a captured request useless for replay later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header. */
export const SIGNATURE_HEADER = 'x-hoi-signature';
/** The idempotency header: the event id, the same on every retry. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

/**
 * Checks a signature header as a receiver would: a well-formed header, a timestamp within
 * `toleranceSeconds` of `now` (unix seconds) and a matching MAC, compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | undefined,
  options: { readonly now?: number; readonly toleranceSeconds?: number } = {},
): boolean {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const timestamp = Number(m[1]);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2] as string, 'hex'));
}
