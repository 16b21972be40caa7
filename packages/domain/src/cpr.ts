/**
 * CPR numbers (DESIGN §3, domain.md §8): parsing, validation and the canonical form.
 *
 * Accepted input is 10 digits, optionally with a dash after the 6th. The first six digits are
 * DDMMYY, where a day of 61–91 is a replacement number (erstatningspersonnummer, day − 60).
 * The 7th digit selects the century; the date must exist in it. Modulus 11 is never checked:
 * valid CPR numbers without it have been issued since 2007.
 */

/** A CPR in canonical output form, `DDMMYY-SSSS`. */
export type Cpr = string & { readonly __brand: 'Cpr' };

/** Why a CPR input was rejected; the message never repeats the input (it may be a real CPR). */
export class CprFormatError extends Error {
  override readonly name = 'CprFormatError';
}

const SHAPE = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;

/** The full birth year for a two-digit year and the CPR's 7th digit (the century rule). */
export function birthYear(yy: number, centuryDigit: number): number {
  if (centuryDigit <= 3) return 1900 + yy;
  if (centuryDigit === 4 || centuryDigit === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/** True when year-month-day is a date of the proleptic Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** A parsed CPR: canonical form, birth date (ISO) and whether it is a replacement number. */
export interface ParsedCpr {
  readonly cpr: Cpr;
  readonly birthDate: string;
  readonly replacement: boolean;
}

/**
 * Parses and validates a CPR input. Throws {@link CprFormatError} saying what is wrong.
 */
export function parseCpr(input: unknown): ParsedCpr {
  if (typeof input !== 'string') {
    throw new CprFormatError(`CPR must be a string, got ${input === null ? 'null' : typeof input}`);
  }
  const m = SHAPE.exec(input);
  if (!m) {
    throw new CprFormatError(
      `CPR must be 10 digits, optionally with a dash after the 6th (DDMMYY-SSSS); ` +
        `got ${input.length} character(s) that do not match`,
    );
  }
  const [, dd, mm, yy, c7, rest] = m as unknown as [string, string, string, string, string, string];
  let day = Number(dd);
  const month = Number(mm);
  const replacement = day >= 61 && day <= 91;
  if (replacement) day -= 60;
  if (day < 1 || day > 31) {
    throw new CprFormatError('CPR day must be 01–31 (or 61–91 for a replacement number)');
  }
  if (month < 1 || month > 12) throw new CprFormatError('CPR month must be 01–12');
  const year = birthYear(Number(yy), Number(c7));
  if (!isRealDate(year, month, day)) {
    throw new CprFormatError(
      `CPR birth date does not exist: day ${day} of month ${month} in ${year} (century from the 7th digit)`,
    );
  }
  const birthDate = `${String(year).padStart(4, '0')}-${mm}-${String(day).padStart(2, '0')}`;
  return { cpr: `${dd}${mm}${yy}-${c7}${rest}` as Cpr, birthDate, replacement };
}

/** True when the input is a well-formed CPR. */
export function isValidCpr(input: unknown): boolean {
  try {
    parseCpr(input);
    return true;
  } catch {
    return false;
  }
}

/** Age in whole years on `onDate` (ISO date) for a birth date (ISO date). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
