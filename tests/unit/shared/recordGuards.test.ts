/** The field checks of decoded source records (recordGuards): here the ISO date check. */
import { describe, expect, it } from 'vitest';
import { recordGuards, RecordShapeError } from '@hoi/sources';

const { isoDate, object } = recordGuards;
const accepts = (v: unknown) => {
  try {
    isoDate(object({ d: v }), 'd');
    return true;
  } catch (e) {
    if (e instanceof RecordShapeError) return false;
    throw e;
  }
};

/** What the check promises: the date, read by Date, is the same date (it exists). */
const oracle = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

describe('isoDate', () => {
  it('accepts exactly the dates that exist, as Date reads them, over four centuries', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    for (const year of [0, 1, 4, 100, 400, 1582, 1899, 1900, 1999, 2000, 2024, 2025, 2100, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const v = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(accepts(v), v).toBe(oracle(v));
        }
    for (let day = Date.UTC(1890, 0, 1); day <= Date.UTC(2110, 0, 1); day += 86_400_000) {
      const v = new Date(day).toISOString().slice(0, 10);
      expect(accepts(v), v).toBe(true);
    }
  });

  it.each(['2025-1-01', '2025-01-01T00:00:00Z', ' 2025-01-01', '20250101', '', 20250101, null])(
    'refuses %j',
    (v) => expect(accepts(v)).toBe(false),
  );
});
