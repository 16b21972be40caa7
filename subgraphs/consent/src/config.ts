/** The consent subgraph's own configuration (besides the shared subgraph settings). */
import { DEFAULT_SUBGRAPH_PORTS, type EnvReader } from '@hoi/platform';
import { readStorageConfig, type StorageConfig } from '@hoi/storage';

/** Consent notifications: webhooks and the expiry scheduler (README "Consent notifications"). */
export interface ConsentNotificationConfig {
  /**
   * `CONSENT_WEBHOOK_URLS`: comma-separated http(s) URLs each event is POSTed to. None: events
   * are still recorded in the outbox, nothing is sent. @default none
   */
  readonly webhookUrls: readonly string[];
  /** `CONSENT_WEBHOOK_SECRET`: HMAC key of the signatures; ≥ 32 characters, required with URLs. */
  readonly webhookSecret: string;
  /** `CONSENT_WEBHOOK_TIMEOUT_MS`: one attempt's timeout. @default 10000 */
  readonly webhookTimeoutMs: number;
  /** `CONSENT_WEBHOOK_RETRY_BASE_MS`: the first retry's backoff ceiling. @default 1000 */
  readonly webhookRetryBaseMs: number;
  /** `CONSENT_WEBHOOK_RETRY_MAX_MS`: the backoff's ceiling. @default 60000 */
  readonly webhookRetryMaxMs: number;
  /**
   * `CONSENT_WEBHOOK_MAX_ATTEMPTS`: attempts after which a delivery is given up (FAILED);
   * 0 retries for ever (at least once: an undelivered event holds back the citizen's later
   * ones). @default 0
   */
  readonly webhookMaxAttempts: number;
  /** `CONSENT_WEBHOOK_MAX_AGE_MS`: age after which a failing delivery is given up; 0: never. @default 0 */
  readonly webhookMaxAgeMs: number;
  /**
   * `CONSENT_WEBHOOK_POLL_MS`: how often an idle dispatcher looks for events written by
   * another instance (this instance's own are sent at once). @default 1000
   */
  readonly webhookPollMs: number;
  /** `CONSENT_EXPIRING_DAYS`: days before `validUntil` that EXPIRING is sent. @default 14 */
  readonly expiringDays: number;
  /** `CONSENT_NOTIFY_TICK_MS`: interval of the expiry scheduler (it also runs at start). @default 60000 */
  readonly notifyTickMs: number;
}

/** Defaults of the notification settings. */
export const DEFAULT_NOTIFICATION_CONFIG = {
  webhookTimeoutMs: 10_000,
  webhookRetryBaseMs: 1000,
  webhookRetryMaxMs: 60_000,
  webhookMaxAttempts: 0,
  webhookMaxAgeMs: 0,
  webhookPollMs: 1000,
  expiringDays: 14,
  notifyTickMs: 60_000,
} as const;

/** Reads the CONSENT_WEBHOOK_* and notification variables. */
export function readNotificationConfig(r: EnvReader): ConsentNotificationConfig {
  const d = DEFAULT_NOTIFICATION_CONFIG;
  const webhookUrls: string[] = [];
  const listed = (r.optionalString('CONSENT_WEBHOOK_URLS') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  listed.forEach((u, i) => {
    let ok: boolean;
    try {
      ok = /^https?:$/.test(new URL(u).protocol);
    } catch {
      ok = false;
    }
    // The value is not echoed: a receiver URL may carry a token.
    if (!ok) r.problem(`CONSENT_WEBHOOK_URLS entry ${i + 1} must be an absolute http(s) URL`);
    else if (!webhookUrls.includes(u)) webhookUrls.push(u);
  });
  const secret = r.secret('CONSENT_WEBHOOK_SECRET', 32);
  if (listed.length > 0 && !r.optionalString('CONSENT_WEBHOOK_SECRET')) {
    r.problem(
      'CONSENT_WEBHOOK_SECRET must be set (at least 32 characters) when CONSENT_WEBHOOK_URLS is',
    );
  }
  const webhookRetryBaseMs = r.int(
    'CONSENT_WEBHOOK_RETRY_BASE_MS',
    d.webhookRetryBaseMs,
    1,
    3_600_000,
  );
  const webhookRetryMaxMs = r.int(
    'CONSENT_WEBHOOK_RETRY_MAX_MS',
    d.webhookRetryMaxMs,
    1,
    86_400_000,
  );
  if (webhookRetryMaxMs < webhookRetryBaseMs) {
    r.problem(
      `CONSENT_WEBHOOK_RETRY_MAX_MS (${webhookRetryMaxMs}) must not be below CONSENT_WEBHOOK_RETRY_BASE_MS (${webhookRetryBaseMs})`,
    );
  }
  return {
    webhookUrls,
    webhookSecret: secret ?? '',
    webhookTimeoutMs: r.int('CONSENT_WEBHOOK_TIMEOUT_MS', d.webhookTimeoutMs, 1, 300_000),
    webhookRetryBaseMs,
    webhookRetryMaxMs,
    webhookMaxAttempts: r.int('CONSENT_WEBHOOK_MAX_ATTEMPTS', d.webhookMaxAttempts, 0, 1_000_000),
    webhookMaxAgeMs: r.int('CONSENT_WEBHOOK_MAX_AGE_MS', d.webhookMaxAgeMs, 0, 365 * 86_400_000),
    webhookPollMs: r.int('CONSENT_WEBHOOK_POLL_MS', d.webhookPollMs, 10, 3_600_000),
    expiringDays: r.int('CONSENT_EXPIRING_DAYS', d.expiringDays, 0, 365),
    notifyTickMs: r.int('CONSENT_NOTIFY_TICK_MS', d.notifyTickMs, 10, 86_400_000),
  };
}

/** Storage, audit and cache settings of the consent subgraph (`CONSENT_DATA_DIR`, …). */
export interface ConsentConfig extends StorageConfig {
  /** `CONSENT_STATE_CACHE_TTL_MS`: TTL of cached consent state (kept short). @default 30000 */
  readonly consentCacheTtlMs: number;
  /**
   * `SCREENING_URL`: the screening subgraph, asked for its part of a citizen's access log.
   * @default its standard local URL
   */
  readonly screeningUrl: string;
  /** Consent notifications (webhooks, expiry events). */
  readonly notifications: ConsentNotificationConfig;
}

/** Reads the consent subgraph's variables. */
export function readConsentConfig(r: EnvReader): ConsentConfig {
  return {
    ...readStorageConfig(r, 'consent'),
    consentCacheTtlMs: r.int('CONSENT_STATE_CACHE_TTL_MS', 30_000, 1, 3_600_000),
    screeningUrl:
      r.url('SCREENING_URL') ?? `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS.screening}/graphql`,
    notifications: readNotificationConfig(r),
  };
}
