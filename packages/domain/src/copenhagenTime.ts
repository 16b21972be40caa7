/**
 * Calendar days and wall-clock times in Europe/Copenhagen. A consent is valid through the end
 * of its `validUntil` day in Copenhagen (DESIGN §3), whatever the server's own time zone.
 */
const TIME_ZONE = 'Europe/Copenhagen';
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Copenhagen calendar date (ISO) at an instant. */
export function copenhagenDate(at: Date): string {
  return dayFormat.format(at);
}

/** The first instant after the end of `isoDate` in Copenhagen (its next local midnight). */
export function endOfCopenhagenDay(isoDate: string): Date {
  const next = new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000);
  const nextIso = next.toISOString().slice(0, 10);
  // Copenhagen is UTC+1 or UTC+2; local midnight is 22:00 or 23:00 UTC the day before.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(next.getTime() - offsetHours * 3_600_000);
    if (
      copenhagenDate(candidate) === nextIso &&
      copenhagenDate(new Date(candidate.getTime() - 1)) === isoDate
    ) {
      return candidate;
    }
  }
  throw new Error(`no Copenhagen midnight after ${isoDate}`);
}

const localFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Copenhagen's wall clock at an instant, `YYYY-MM-DD HH:MM` (from parts: locale formats vary). */
function copenhagenWallClock(at: Date): string {
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of localFormat.formatToParts(at)) p[type] = value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * The instant (ISO, UTC) at which Copenhagen's clocks read `hour:minute` on `isoDate`.
 * The offset is +02:00 in summer time and +01:00 otherwise, so it depends on the date, not on
 * the server's zone. A time read twice (the last Sunday of October, 02:00–02:59) gives the
 * first, summer-time instant; a time that never happens (the last Sunday of March, 02:00–02:59)
 * gives the later of the two candidates, the wall clock moved on by the skipped hour (02:30 →
 * 03:30+02:00), as java.time and Temporal do.
 */
export function copenhagenInstant(isoDate: string, hour: number, minute: number): string {
  const midnight = Date.parse(`${isoDate}T00:00:00Z`);
  if (
    // The round trip rejects 2026-02-30, which Date.parse rolls over to March 2.
    Number.isNaN(midnight) ||
    new Date(midnight).toISOString().slice(0, 10) !== isoDate ||
    !Number.isInteger(hour) ||
    hour < 0 ||
    hour > 23 ||
    !Number.isInteger(minute) ||
    minute < 0 ||
    minute > 59
  ) {
    throw new RangeError(
      `expected an ISO date, hour 0–23 and minute 0–59, got ${isoDate} ${hour}:${minute}`,
    );
  }
  const wanted = `${isoDate} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const asUtc = midnight + (hour * 60 + minute) * 60_000;
  const candidates = [2, 1].map((offsetHours) => new Date(asUtc - offsetHours * 3_600_000));
  // Summer time (+2) first: in October's repeated hour that is the first of the two readings.
  const exact = candidates.find((c) => copenhagenWallClock(c) === wanted);
  // No candidate reads as asked only in March's skipped hour; +1 there is the later instant.
  return (exact ?? candidates[1]!).toISOString();
}
