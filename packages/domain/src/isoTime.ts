/**
 * The API's date scalars as input (DESIGN §3, §3b): an ISO date that exists, and an ISO
 * instant with an offset. Anything else is BAD_USER_INPUT, wherever it arrives.
 */
import { badUserInput } from './errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO 8601 date (`YYYY-MM-DD`) that exists; throws BAD_USER_INPUT otherwise. */
export function parseIsoDate(value: unknown): string {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) throw badUserInput('Date must be an ISO 8601 date (YYYY-MM-DD)');
  const d = new Date(`${value as string}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw badUserInput('Date does not exist in the calendar');
  }
  return value as string;
}

const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Parses an ISO 8601 instant: a date that exists, a time, and an offset (`Z` or `±hh:mm`).
 * Without an offset a local time is ambiguous (twice a year in Copenhagen it names two
 * instants, or none), so it is refused rather than read in the server's own zone.
 */
export function parseIsoInstant(value: unknown): string {
  const m = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!m) {
    throw badUserInput(
      'DateTime must be an ISO 8601 instant with an offset (e.g. 2026-10-26T09:00:00+01:00 or …Z)',
    );
  }
  parseIsoDate(m[1]);
  return new Date(value as string).toISOString();
}
