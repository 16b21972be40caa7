/**
 * Structured JSON logs (pino). CPR numbers never reach a log: anything that looks like one is
 * masked before it is written, as a safety net behind code that never logs them on purpose.
 */
import { pino, type Logger } from 'pino';

const CPR_LIKE = /\b(\d{6})-?(\d{4})\b/g;

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
