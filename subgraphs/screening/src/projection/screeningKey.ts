/**
 * The projection's sort key of a citizen: a number that orders by birth date (oldest first)
 * and holds the whole CPR, so the projection stores one float per citizen and no string.
 *
 * key = YYYYMMDD · 20000 + replacement · 10000 + SSSS, where SSSS are the CPR's last four
 * digits (century digit and serial) and `replacement` is 1 for a replacement number (day + 60).
 * The largest key (year 2099) is about 4.2·10¹¹, so a key times 256 plus a byte of flags is
 * still an exact integer in a double (< 2⁵³).
 */
import { parseCpr } from '@hoi/domain';

/** The key of a CPR (either input form); throws CprFormatError when malformed. */
export function screeningKeyOf(cpr: string): number {
  const { cpr: canonical, birthDate, replacement } = parseCpr(cpr);
  const ymd =
    Number(birthDate.slice(0, 4)) * 10_000 +
    Number(birthDate.slice(5, 7)) * 100 +
    Number(birthDate.slice(8, 10));
  return ymd * 20_000 + (replacement ? 10_000 : 0) + Number(canonical.slice(7, 11));
}

/** The birth date of a key as YYYYMMDD. */
export function birthYmdOfKey(key: number): number {
  return Math.floor(key / 20_000);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The canonical CPR (`DDMMYY-SSSS`) of a key. */
export function cprOfKey(key: number): string {
  const ymd = Math.floor(key / 20_000);
  const rest = key - ymd * 20_000;
  const replacement = rest >= 10_000;
  const ssss = replacement ? rest - 10_000 : rest;
  const day = (ymd % 100) + (replacement ? 60 : 0);
  const month = Math.floor(ymd / 100) % 100;
  const yy = Math.floor(ymd / 10_000) % 100;
  return `${pad(day, 2)}${pad(month, 2)}${pad(yy, 2)}-${pad(ssss, 4)}`;
}

/** Age in whole years on `onYmd` (YYYYMMDD) of someone born on `birthYmd`; as cpr.ts ageOn. */
export function ageOnYmd(birthYmd: number, onYmd: number): number {
  const years = Math.floor(onYmd / 10_000) - Math.floor(birthYmd / 10_000);
  return onYmd % 10_000 < birthYmd % 10_000 ? years - 1 : years;
}

/** YYYYMMDD of an ISO date. */
export function ymdOf(isoDate: string): number {
  return (
    Number(isoDate.slice(0, 4)) * 10_000 +
    Number(isoDate.slice(5, 7)) * 100 +
    Number(isoDate.slice(8, 10))
  );
}
