/**
 * Structured JSON logs (pino). CPR numbers never reach a log: anything that looks like one is
 * masked before it is written, as a safety net behind code that never logs them on purpose.
 */
import { pino, type Logger } from 'pino';
import { traceLogFields } from '@hoi/telemetry';

/**
 * Six digits whose first four read as a day (01–31, or 61–91 for replacement numbers) and a
 * month, an optional dash, four digits, wherever they stand: `case_860907-6250`,
 * `Overview_8609076250` and `x8609076250y` too (word boundaries let those through), but not
 * inside a longer run of digits. The date check keeps hex ids intact: a random UUID holds a
 * run of this shape rarely, and the gateway's own request ids never (see requestIds.ts).
 */
const CPR_LIKE = /(?<!\d)(?:[0-2]\d|3[01]|[6-8]\d|9[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/g;

/** Replaces every CPR-shaped digit run with a mask. */
export function maskCpr(text: string): string {
  return text.replace(CPR_LIKE, '**********');
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCpr(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskCpr(value.message), stack: maskCpr(value.stack ?? '') };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/** Creates the process logger for a service. */
export function createLogger(
  service: string,
  options: { level?: string; destination?: NodeJS.WritableStream } = {},
): Logger {
  return pino(
    {
      name: service,
      level: options.level ?? 'info',
      base: { service },
      // The active span's trace_id and span_id, to find a line's trace (nothing while off).
      mixin: traceLogFields,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

export type { Logger };
