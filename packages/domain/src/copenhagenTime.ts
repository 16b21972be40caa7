/**
 * Calendar days in Europe/Copenhagen. A consent is valid through the end of its `validUntil`
 * day in Copenhagen (DESIGN §3), whatever the server's own time zone.
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
