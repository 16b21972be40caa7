/**
 * The faults the source simulator can inject, per source: latency, jitter, errors, slow
 * answers, malformed or wrongly shaped bodies, connections reset mid-body, and outages. Set at
 * start from the environment and changed at run time through the admin endpoint.
 */
import type { EnvReader } from '@hoi/platform';

/** How one simulated source misbehaves. Rates are shares of requests, from 0 to 1. */
export interface Faults {
  /** Added before every answer, in ms. */
  readonly latencyMs: number;
  /** A uniformly random extra delay of 0 to `jitterMs` ms. */
  readonly jitterMs: number;
  /** Share of requests answered with `errorStatus`. */
  readonly errorRate: number;
  /** The status of injected errors. @default 503 */
  readonly errorStatus: 500 | 503;
  /** Share of requests delayed by a further `slowMs` (a slow tail). */
  readonly slowRate: number;
  readonly slowMs: number;
  /** Share answered 200 with a truncated (unparsable) JSON body. */
  readonly malformedRate: number;
  /** Share answered 200 with well-formed JSON of the wrong shape. */
  readonly wrongShapeRate: number;
  /** Share whose connection is reset after half of the body was sent. */
  readonly resetRate: number;
  /** Outage: every request's connection is destroyed at once, without an answer. */
  readonly down: boolean;
}

/** A source without faults. */
export const HEALTHY: Faults = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorStatus: 503,
  slowRate: 0,
  slowMs: 0,
  malformedRate: 0,
  wrongShapeRate: 0,
  resetRate: 0,
  down: false,
});

/** Thrown by {@link parseFaults}; lists every problem. */
export class FaultsError extends Error {
  override readonly name = 'FaultsError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

const MAX_DELAY_MS = 600_000;
const DELAYS = ['latencyMs', 'jitterMs', 'slowMs'] as const;
const RATES = ['errorRate', 'slowRate', 'malformedRate', 'wrongShapeRate', 'resetRate'] as const;
const KEYS: readonly string[] = Object.keys(HEALTHY);

/**
 * Reads a fault profile from JSON (the admin endpoint's body). Fields left out keep their
 * value in `base`; unknown fields and out-of-range values are errors (listed together).
 */
export function parseFaults(json: unknown, base: Faults): Faults {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new FaultsError([
      `expected a JSON object of faults, got ${Array.isArray(json) ? 'an array' : typeof json}`,
    ]);
  }
  const input = json as Record<string, unknown>;
  const problems: string[] = [];
  const out: { -readonly [K in keyof Faults]: Faults[K] } = { ...base };
  for (const key of Object.keys(input)) {
    if (!KEYS.includes(key)) problems.push(`unknown fault "${key}" (known: ${KEYS.join(', ')})`);
  }
  for (const key of DELAYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_DELAY_MS) {
      problems.push(
        `${key} must be an integer from 0 to ${MAX_DELAY_MS}, got ${JSON.stringify(v)}`,
      );
    } else out[key] = v;
  }
  for (const key of RATES) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      problems.push(`${key} must be a number from 0 to 1, got ${JSON.stringify(v)}`);
    else out[key] = v;
  }
  if (input.errorStatus !== undefined) {
    if (input.errorStatus !== 500 && input.errorStatus !== 503) {
      problems.push(`errorStatus must be 500 or 503, got ${JSON.stringify(input.errorStatus)}`);
    } else out.errorStatus = input.errorStatus;
  }
  if (input.down !== undefined) {
    if (typeof input.down !== 'boolean')
      problems.push(`down must be true or false, got ${JSON.stringify(input.down)}`);
    else out.down = input.down;
  }
  if (problems.length > 0) throw new FaultsError(problems);
  return Object.freeze(out);
}

/**
 * Reads a fault profile from the environment: `<prefix>LATENCY_MS`, `<prefix>JITTER_MS`,
 * `<prefix>ERROR_RATE`, `<prefix>ERROR_STATUS`, `<prefix>SLOW_RATE`, `<prefix>SLOW_MS`,
 * `<prefix>MALFORMED_RATE`, `<prefix>WRONG_SHAPE_RATE`, `<prefix>RESET_RATE`, `<prefix>DOWN`.
 * Unset variables keep their value in `base`.
 */
export function readFaultsFromEnv(r: EnvReader, prefix: string, base: Faults): Faults {
  const status = r.int(`${prefix}ERROR_STATUS`, base.errorStatus, 500, 503);
  if (status !== 500 && status !== 503)
    r.problem(`${prefix}ERROR_STATUS must be 500 or 503, got "${status}"`);
  return Object.freeze({
    latencyMs: r.int(`${prefix}LATENCY_MS`, base.latencyMs, 0, MAX_DELAY_MS),
    jitterMs: r.int(`${prefix}JITTER_MS`, base.jitterMs, 0, MAX_DELAY_MS),
    errorRate: r.number(`${prefix}ERROR_RATE`, base.errorRate, 0, 1),
    errorStatus: status === 500 ? 500 : 503,
    slowRate: r.number(`${prefix}SLOW_RATE`, base.slowRate, 0, 1),
    slowMs: r.int(`${prefix}SLOW_MS`, base.slowMs, 0, MAX_DELAY_MS),
    malformedRate: r.number(`${prefix}MALFORMED_RATE`, base.malformedRate, 0, 1),
    wrongShapeRate: r.number(`${prefix}WRONG_SHAPE_RATE`, base.wrongShapeRate, 0, 1),
    resetRate: r.number(`${prefix}RESET_RATE`, base.resetRate, 0, 1),
    down: r.oneOf(`${prefix}DOWN`, ['true', 'false'], base.down ? 'true' : 'false') === 'true',
  });
}

/** What the simulator does with one request, decided up front from the faults. */
export type FaultAction =
  | { readonly kind: 'drop' }
  | { readonly kind: 'error'; readonly status: number; readonly delayMs: number }
  | { readonly kind: 'malformed' | 'wrongShape' | 'reset' | 'ok'; readonly delayMs: number };

/** Rolls the dice for one request (`random` is injectable for tests). */
export function decideFault(f: Faults, random: () => number = Math.random): FaultAction {
  if (f.down) return { kind: 'drop' };
  const delayMs =
    f.latencyMs +
    (f.jitterMs > 0 ? random() * f.jitterMs : 0) +
    (random() < f.slowRate ? f.slowMs : 0);
  if (random() < f.errorRate) return { kind: 'error', status: f.errorStatus, delayMs };
  if (random() < f.malformedRate) return { kind: 'malformed', delayMs };
  if (random() < f.wrongShapeRate) return { kind: 'wrongShape', delayMs };
  if (random() < f.resetRate) return { kind: 'reset', delayMs };
  return { kind: 'ok', delayMs };
}
