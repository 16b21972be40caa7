import { describe, expect, it } from 'vitest';
import { ageOn, birthYear, parseCpr } from '@hoi/domain';

describe('birthYear', () => {
  it.each([
    [37, 0, 1937],
    [99, 3, 1999],
    [36, 4, 2036],
    [37, 4, 1937],
    [36, 9, 2036],
    [37, 9, 1937],
    [57, 5, 2057],
    [58, 5, 1858],
    [0, 8, 2000],
    [99, 8, 1899],
  ])('maps YY %i with 7th digit %i to %i', (yy, digit, year) => {
    expect(birthYear(yy, digit)).toBe(year);
  });
});

describe('parseCpr', () => {
  it('normalizes to DDMMYY-SSSS and reports the birth date', () => {
    expect(parseCpr('0101801234')).toEqual({
      cpr: '010180-1234',
      birthDate: '1980-01-01',
      replacement: false,
    });
  });
  it('reads a replacement number (day + 60)', () => {
    expect(parseCpr('610180-1234')).toMatchObject({ birthDate: '1980-01-01', replacement: true });
  });
  it('checks the date in the century the 7th digit selects', () => {
    expect(parseCpr('290200-4234').birthDate).toBe('2000-02-29');
    expect(() => parseCpr('290200-6234')).not.toThrow(); // 2000 too (5–8, YY ≤ 57)
    expect(() => parseCpr('290200-0234')).toThrow(/does not exist/); // 1900 was no leap year
  });
  it('never checks modulus 11', () => {
    expect(() => parseCpr('010180-1235')).not.toThrow();
  });
  it('does not repeat the input in its messages', () => {
    expect(() => parseCpr('320180-1234')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('320180') }),
    );
  });
});

describe('ageOn', () => {
  it('counts whole years, turning on the birthday', () => {
    expect(ageOn('2000-05-10', '2025-05-09')).toBe(24);
    expect(ageOn('2000-05-10', '2025-05-10')).toBe(25);
  });
});
