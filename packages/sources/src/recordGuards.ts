/**
 * Checks for records decoded from a remote source. Every field is checked, and a new object
 * is built from the checked fields only, so a record is either whole and well typed or
 * rejected: never half-parsed, never carrying fields nobody checked.
 *
 * Messages name the field and what was expected, never the value found (it may be personal
 * data, and messages reach logs).
 */
import { isSectorArea, type SectorArea } from '@hoi/domain';

/** A source answered a record of the wrong shape. */
export class RecordShapeError extends Error {
  override readonly name = 'RecordShapeError';
}

/** A JSON object whose fields are being checked; `at` locates it for messages. */
export interface Fields {
  readonly at: string;
  readonly value: Readonly<Record<string, unknown>>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function fail(at: string, expected: string, value: unknown): never {
  throw new RecordShapeError(`${at || 'the record'} must be ${expected}, got ${kindOf(value)}`);
}

/** A JSON object (not null, not an array). */
export function object(json: unknown, at = ''): Fields {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail(at, 'an object', json);
  return { at, value: json as Readonly<Record<string, unknown>> };
}

/** A JSON array, each element checked by `item`. */
export function arrayOf<T>(json: unknown, item: (json: unknown, at: string) => T, at = ''): T[] {
  if (!Array.isArray(json)) fail(at, 'an array', json);
  return json.map((v, i) => item(v, `${at}[${i}]`));
}

const where = (o: Fields, key: string) => (o.at ? `${o.at}.${key}` : key);

/** A string field. */
export function string(o: Fields, key: string): string {
  const v = o.value[key];
  if (typeof v !== 'string') fail(where(o, key), 'a string', v);
  return v;
}

/** A string field that may be null (but must be present). */
export function nullableString(o: Fields, key: string): string | null {
  const v = o.value[key];
  if (v === null) return null;
  if (typeof v !== 'string') fail(where(o, key), 'a string or null', v);
  return v;
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A `YYYY-MM-DD` string that is a date of the proleptic Gregorian calendar (as `Date` reads
 * it). Digit arithmetic, not `Date`: every date of every record of a bulk export passes here,
 * and building a Date and its ISO string was the largest cost of reading a million citizens.
 */
function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const year = Number(v.slice(0, 4));
  const month = Number(v.slice(5, 7));
  const day = Number(v.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number));
}

/** An ISO 8601 date (`YYYY-MM-DD`) that exists. */
export function isoDate(o: Fields, key: string): string {
  const v = o.value[key];
  if (!isIsoDate(v)) fail(where(o, key), 'an ISO date (YYYY-MM-DD)', v);
  return v;
}

/** An ISO 8601 date, or null. */
export function nullableIsoDate(o: Fields, key: string): string | null {
  return o.value[key] === null ? null : isoDate(o, key);
}

/** An ISO 8601 instant with a time zone. */
export function isoInstant(o: Fields, key: string): string {
  const v = o.value[key];
  if (typeof v !== 'string' || !ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v))) {
    fail(where(o, key), 'an ISO 8601 instant', v);
  }
  return v;
}

/** An ISO 8601 instant, or null. */
export function nullableIsoInstant(o: Fields, key: string): string | null {
  return o.value[key] === null ? null : isoInstant(o, key);
}

/** One of the six sector areas. */
export function area(o: Fields, key: string): SectorArea {
  const v = o.value[key];
  if (!isSectorArea(v)) fail(where(o, key), 'a SectorArea', v);
  return v;
}

/** One of `values`. */
export function oneOf<const V extends string>(o: Fields, key: string, values: readonly V[]): V {
  const v = o.value[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    fail(where(o, key), `one of ${values.join(', ')}`, v);
  return v as V;
}

/** An array field of strings. */
export function stringArray(o: Fields, key: string): string[] {
  return arrayOf(
    o.value[key],
    (v, at) => (typeof v === 'string' ? v : fail(at, 'a string', v)),
    where(o, key),
  );
}

/** An array field of sector areas. */
export function areaArray(o: Fields, key: string): SectorArea[] {
  return arrayOf(
    o.value[key],
    (v, at) => (isSectorArea(v) ? v : fail(at, 'a SectorArea', v)),
    where(o, key),
  );
}
