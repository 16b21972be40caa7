/**
 * The expiry scheduler: records EXPIRING (CONSENT_EXPIRING_DAYS before `validUntil`, from
 * the start of that Copenhagen day) and EXPIRED (at the Copenhagen midnight after
 * `validUntil`, `endOfCopenhagenDay`) for consents in the store that are ACTIVE there. It
 * runs once at start and then every CONSENT_NOTIFY_TICK_MS; every instance may run one: the
 * citizen's row lock, the consent's expiry stage and a unique (consent, type) constraint
 * make each event happen once, across restarts and instances.
 *
 * Consents only in the consent register (seeded, never written) are not in the store and get
 * no expiry events. A seeded consent that had already expired when its citizen's first write
 * stored it gets its EXPIRED event then, dated when it expired.
 */
import { type ConsentRecord, copenhagenDate, endOfCopenhagenDay } from '@hoi/domain';
import type { Logger } from '@hoi/platform';
import type { ConsentOutbox, ExpiryDecision } from './ConsentOutbox.js';
import type { NotificationMetrics } from './notificationMetrics.js';
import { startWorkLoop, type WorkLoop } from './workLoop.js';

/** Consents looked at per query. */
const BATCH = 200;

/** The ISO date `days` after `isoDate` (negative: before). */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** The first instant of the EXPIRING notice: the start of the Copenhagen day `days` before validUntil. */
export function expiringFrom(validUntil: string, days: number): Date {
  return endOfCopenhagenDay(addDays(validUntil, -days - 1));
}

/**
 * What a consent owes at `now`, given its expiry stage (0 nothing yet, 1 EXPIRING recorded):
 * EXPIRED once it has expired; EXPIRING before that, once within the notice. A consent that
 * expired before EXPIRING was recorded (the service was down all the notice, or it came into
 * the store expired) gets EXPIRED only: a late "about to expire" would be wrong.
 */
export function decideExpiry(
  consent: ConsentRecord,
  stage: number,
  now: Date,
  expiringDays: number,
): ExpiryDecision | null {
  if (consent.status !== 'ACTIVE' || stage >= 2) return null;
  const end = endOfCopenhagenDay(consent.validUntil);
  if (now.getTime() >= end.getTime()) {
    return { events: [{ type: 'EXPIRED', consent, occurredAt: end.toISOString() }], stage: 2 };
  }
  const from = expiringFrom(consent.validUntil, expiringDays);
  if (stage === 0 && now.getTime() >= from.getTime()) {
    // Given inside the notice already: it is about to expire from the moment it exists.
    const occurredAt = Math.max(from.getTime(), Date.parse(consent.givenAt));
    return {
      events: [{ type: 'EXPIRING', consent, occurredAt: new Date(occurredAt).toISOString() }],
      stage: 1,
    };
  }
  return null;
}

/** Options of {@link createExpiryScheduler}. */
export interface ExpirySchedulerOptions {
  readonly outbox: ConsentOutbox;
  /** The clock of expiry decisions (the subgraph's clock; tests move it). */
  readonly clock: () => Date;
  /** CONSENT_EXPIRING_DAYS. */
  readonly expiringDays: number;
  readonly metrics: NotificationMetrics;
  readonly logger: Logger;
}

/** The scheduler: `tick` on demand, or `start` to tick now and every interval. */
export interface ExpiryScheduler {
  /** Records every expiry event due now; resolves how many it recorded. */
  tick(): Promise<number>;
  /** Ticks at once and then every `intervalMs`, until `stop`. */
  start(intervalMs: number): void;
  /** Stops ticking; resolves once a tick in progress has ended. */
  stop(): Promise<void>;
}

/** Creates an expiry scheduler over `outbox`. */
export function createExpiryScheduler(options: ExpirySchedulerOptions): ExpiryScheduler {
  const { outbox, expiringDays, metrics, logger } = options;
  let loop: WorkLoop | null = null;
  // Set by stop: a long tick (a backlog after downtime) ends after the consent at hand.
  let stopping = false;

  async function tick(): Promise<number> {
    const now = options.clock();
    const today = copenhagenDate(now);
    const horizon = addDays(today, expiringDays);
    let recorded = 0;
    for (;;) {
      const due = await outbox.dueExpiries(today, horizon, BATCH);
      let progress = 0;
      for (const { id, cpr } of due) {
        if (stopping) return recorded;
        const decided: { decision: ExpiryDecision | null } = { decision: null };
        const n = await outbox.recordExpiry(
          id,
          cpr,
          (consent, stage) => (decided.decision = decideExpiry(consent, stage, now, expiringDays)),
        );
        if (decided.decision) progress += 1;
        // Counted when appended here: another instance may have recorded it first.
        if (n > 0)
          for (const e of decided.decision?.events ?? [])
            metrics.expiryEvents.inc({ type: e.type });
        recorded += n;
      }
      // A full batch may hide more; each consent decided leaves the due set (its stage rose),
      // so this ends. A batch with nothing to decide (withdrawn meanwhile) ends it too.
      if (due.length < BATCH || progress === 0) break;
    }
    if (recorded > 0) logger.info({ recorded }, 'consent expiry events recorded');
    return recorded;
  }

  return {
    tick,
    start(intervalMs) {
      stopping = false;
      loop ??= startWorkLoop(
        async () => {
          await tick();
          return { more: false };
        },
        intervalMs,
        (error) => logger.error({ err: error }, 'consent expiry scheduler tick failed'),
      );
    },
    async stop() {
      stopping = true;
      await loop?.stop();
      loop = null;
    },
  };
}
