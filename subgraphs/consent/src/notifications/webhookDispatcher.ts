/**
 * Delivers consent events to the webhook receivers (CONSENT_WEBHOOK_URLS): at least once,
 * in order per citizen and receiver, with retries (exponential backoff, full jitter).
 *
 * - Fan-out: events committed to the outbox get one delivery row per receiver, oldest first.
 * - Claiming: each receiver's loop leases the deliveries it may send now, each the oldest
 *   pending one of its citizen (`for update skip locked`, so two instances on one PostgreSQL
 *   never send the same delivery at once, and never a citizen's later event before an
 *   earlier one is delivered). A lease outlasts one attempt; a crashed holder's lease
 *   expires and another instance (or the restarted one) sends again, with the same
 *   idempotency key.
 * - Outcome: a 2xx is delivered; anything else, a timeout or no answer is a failed attempt,
 *   retried after a backoff, and holds back that citizen's later events for that receiver.
 *   With CONSENT_WEBHOOK_MAX_ATTEMPTS or _MAX_AGE_MS set, a delivery past them is FAILED and
 *   stops holding them back; by default it is retried for ever (at least once).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@hoi/platform';
import type { ClaimedDelivery, ConsentOutbox } from './ConsentOutbox.js';
import type { DeliveryOutcome, NotificationMetrics } from './notificationMetrics.js';
import { retryDelay } from './retryDelay.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook } from './webhookSignature.js';
import { startWorkLoop, type WorkLoop } from './workLoop.js';

/** Events fanned out per transaction. */
const FAN_OUT_BATCH = 500;
/** How long a lease outlasts the attempt's timeout: time to record the outcome. */
const LEASE_MARGIN_MS = 5000;

/** Options of {@link startWebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  readonly outbox: ConsentOutbox;
  /** The receivers, in CONSENT_WEBHOOK_URLS order (metrics name them by index and host). */
  readonly urls: readonly string[];
  /** The HMAC key of the signatures. */
  readonly secret: string;
  /** Per attempt. */
  readonly timeoutMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Attempts after which a delivery is FAILED; 0: never. */
  readonly maxAttempts: number;
  /** Age (since the delivery was made) after which a failing delivery is FAILED; 0: never. */
  readonly maxAgeMs: number;
  /** How often an idle receiver loop looks for work (other instances', due retries). */
  readonly pollMs: number;
  /** Deliveries one receiver loop sends at once (to different citizens). @default 8 */
  readonly batchSize?: number;
  readonly metrics: NotificationMetrics;
  readonly logger: Logger;
  /** Jitter's random numbers in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/** A running dispatcher. */
export interface WebhookDispatcher {
  /** Looks for new events now (they were just committed in this process). */
  kick(): void;
  /** Stops: aborts attempts in flight, gives their leases back, resolves when idle. */
  stop(): Promise<void>;
}

interface Receiver {
  readonly url: string;
  readonly labels: { readonly receiver: string; readonly host: string };
  /** Retries this loop scheduled (epoch ms), to sleep until the next one. */
  retryAt: number[];
  /** When the pending gauge was last refreshed. */
  gaugeAt: number;
  /** Whether the last attempt failed (log the change, not every attempt). */
  failing: boolean;
}

/** Names a failed attempt without its URL (which may carry a token) or any body. */
function failureOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  const cause = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    if (typeof cause.code === 'string') return cause.code;
  }
  return error instanceof Error ? error.name : 'error';
}

/** Starts delivering; the loops find work left by an earlier run (or instance) at once. */
export function startWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { outbox, logger, metrics } = options;
  const batchSize = options.batchSize ?? 8;
  const leaseMs = options.timeoutMs + LEASE_MARGIN_MS;
  const stopping = new AbortController();
  const abandoned: ClaimedDelivery[] = [];
  const onError = (error: unknown) =>
    logger.error({ err: error }, 'consent notifications: dispatcher step failed; retrying');

  const count = (r: Receiver, outcome: DeliveryOutcome) =>
    metrics.deliveries.inc({ ...r.labels, outcome });

  /** One attempt; resolves once its outcome is recorded. */
  async function attempt(r: Receiver, d: ClaimedDelivery): Promise<void> {
    let failure: string | null = null;
    try {
      const timestamp = Math.floor(Date.now() / 1000);
      const res = await fetch(r.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [IDEMPOTENCY_HEADER]: d.eventId,
          [SIGNATURE_HEADER]: signWebhook(options.secret, d.body, timestamp),
          'user-agent': 'hoi-gateway-consent-notifications',
        },
        body: d.body,
        // A redirect is not a delivery, and must not carry personal data elsewhere.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), stopping.signal]),
      });
      // The answer's body is not needed; drop it so the connection can be reused.
      await res.body?.cancel().catch(() => {});
      if (res.status < 200 || res.status > 299) failure = `HTTP ${res.status}`;
    } catch (error) {
      if (stopping.signal.aborted) {
        abandoned.push(d);
        return;
      }
      failure = failureOf(error);
    }
    const now = Date.now();
    if (failure === null) {
      await outbox.delivered(d, now);
      count(r, 'delivered');
      if (r.failing) logger.info(r.labels, 'consent webhook receiver accepts deliveries again');
      r.failing = false;
      return;
    }
    const failures = d.attempts + 1;
    const giveUp =
      (options.maxAttempts > 0 && failures >= options.maxAttempts) ||
      (options.maxAgeMs > 0 && now - d.createdAt >= options.maxAgeMs);
    const nextAttemptAt =
      now +
      retryDelay(failures, {
        baseMs: options.retryBaseMs,
        maxMs: options.retryMaxMs,
        random: options.random,
      });
    await outbox.attemptFailed(d, { now, nextAttemptAt, giveUp, error: failure });
    count(r, giveUp ? 'gave_up' : 'failed_attempt');
    if (!r.failing) {
      logger.warn(
        { ...r.labels, error: failure },
        'consent webhook receiver failing; deliveries are retried with backoff',
      );
    }
    r.failing = true;
    logger.debug(
      { ...r.labels, eventId: d.eventId, attempts: failures, error: failure },
      'consent webhook attempt failed',
    );
    if (giveUp) {
      logger.error(
        { ...r.labels, eventId: d.eventId, attempts: failures },
        'consent webhook delivery given up (FAILED); the citizen’s later events go on',
      );
    } else {
      r.retryAt.push(nextAttemptAt);
    }
  }

  async function serve(r: Receiver) {
    const now = Date.now();
    if (now - r.gaugeAt >= options.pollMs) {
      r.gaugeAt = now;
      const pending = await outbox.pendingCounts([r.url]);
      metrics.pending.set(r.labels, pending.get(r.url) ?? 0);
    }
    const claimed = await outbox.claim(r.url, {
      now,
      leaseUntil: now + leaseMs,
      limit: batchSize,
      leaseToken: randomUUID(),
    });
    // Retries already due were just claimed (or another instance took them).
    r.retryAt = r.retryAt.filter((t) => t > now);
    if (claimed.length === 0) {
      const next = Math.min(...r.retryAt);
      return { more: false, wakeInMs: Number.isFinite(next) ? next - now : undefined };
    }
    // Different citizens' heads: sent side by side; each records its own outcome.
    const results = await Promise.allSettled(claimed.map((d) => attempt(r, d)));
    for (const result of results) if (result.status === 'rejected') onError(result.reason);
    // The gauge follows what just changed at the next step.
    r.gaugeAt = 0;
    return { more: true };
  }

  const receivers: Receiver[] = options.urls.map((url, index) => ({
    url,
    labels: { receiver: String(index), host: new URL(url).host },
    retryAt: [],
    gaugeAt: 0,
    failing: false,
  }));
  const receiverLoops: WorkLoop[] = receivers.map((r) =>
    startWorkLoop(() => serve(r), options.pollMs, onError),
  );
  const fanOutLoop = startWorkLoop(
    async () => {
      const n = await outbox.fanOut(options.urls, Date.now(), FAN_OUT_BATCH);
      if (n > 0) for (const loop of receiverLoops) loop.kick();
      return { more: n === FAN_OUT_BATCH };
    },
    options.pollMs,
    onError,
  );
  const unsubscribe = outbox.onAppended(() => fanOutLoop.kick());

  return {
    kick: () => fanOutLoop.kick(),
    async stop() {
      unsubscribe();
      stopping.abort();
      await fanOutLoop.stop();
      await Promise.all(receiverLoops.map((loop) => loop.stop()));
      try {
        await outbox.release(abandoned);
      } catch (error) {
        // The leases then expire on their own: later, not lost.
        logger.warn({ err: error }, 'consent notifications: could not give leases back');
      }
    },
  };
}
