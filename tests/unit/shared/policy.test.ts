import { describe, expect, it } from 'vitest';
import {
  consentStatusAt,
  copenhagenDate,
  decideAccess,
  endOfCopenhagenDay,
  type StoredConsent,
} from '@hoi/domain';
import { maskCpr } from '@hoi/platform';
import { createAccessGrants, GRANT_WINDOW_SECONDS } from '@hoi/access';

const consent = (over: Partial<StoredConsent> = {}): StoredConsent => ({
  id: 'c1',
  status: 'ACTIVE',
  areas: ['HEALTH'],
  givenAt: '2025-01-01T10:00:00.000Z',
  validUntil: '2025-03-30',
  withdrawnAt: null,
  ...over,
});

describe('endOfCopenhagenDay', () => {
  it('is local midnight in winter (UTC+1) and summer (UTC+2), across DST changes', () => {
    expect(endOfCopenhagenDay('2025-01-15').toISOString()).toBe('2025-01-15T23:00:00.000Z');
    expect(endOfCopenhagenDay('2025-07-15').toISOString()).toBe('2025-07-15T22:00:00.000Z');
    expect(endOfCopenhagenDay('2025-03-29').toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(endOfCopenhagenDay('2025-10-25').toISOString()).toBe('2025-10-25T22:00:00.000Z');
    expect(copenhagenDate(new Date('2025-07-15T22:30:00Z'))).toBe('2025-07-16');
  });
});

describe('consentStatusAt', () => {
  it('turns ACTIVE into EXPIRED when the validUntil day has ended', () => {
    expect(consentStatusAt(consent(), new Date('2025-03-30T21:59:59Z'))).toBe('ACTIVE');
    expect(consentStatusAt(consent(), new Date('2025-03-30T22:00:00Z'))).toBe('EXPIRED');
    expect(consentStatusAt(consent({ status: 'WITHDRAWN' }), new Date('2025-01-02'))).toBe(
      'WITHDRAWN',
    );
  });
});

describe('decideAccess', () => {
  const now = new Date('2025-02-01T12:00:00Z');
  it('prefers OWN_AUTHORITY over CONSENT and lists all six areas', () => {
    const access = decideAccess(
      { sub: 'cw', role: 'caseworker', areas: ['HEALTH'] },
      '010180-1234',
      [consent({ areas: ['HEALTH', 'EDUCATION'] })],
      now,
    );
    expect(access).toHaveLength(6);
    expect(access.find((a) => a.area === 'HEALTH')).toEqual({
      area: 'HEALTH',
      visible: true,
      basis: 'OWN_AUTHORITY',
    });
    expect(access.find((a) => a.area === 'EDUCATION')).toEqual({
      area: 'EDUCATION',
      visible: true,
      basis: 'CONSENT',
    });
    expect(access.find((a) => a.area === 'ADDICTION')).toEqual({
      area: 'ADDICTION',
      visible: false,
      basis: 'NONE',
    });
  });
  it('gives a citizen OWN_DATA on their own CPR only', () => {
    const me = { sub: '010180-1234', role: 'citizen' as const, areas: [] };
    expect(decideAccess(me, '010180-1234', [], now).every((a) => a.basis === 'OWN_DATA')).toBe(
      true,
    );
    expect(decideAccess(me, '020280-1234', [], now).every((a) => !a.visible)).toBe(true);
  });
});

describe('access grants', () => {
  const grants = createAccessGrants('secret-secret-secret-secret-secret-1');
  const binding = { sub: 'cw-1', version: 1_767_225_600_000 };
  it('round-trips and binds the grant to the CPR and the principal', () => {
    const g = grants.sign('010180-1234', ['HEALTH', 'EMPLOYMENT'], binding);
    expect([...grants.verify('010180-1234', g, 'cw-1')!].sort()).toEqual(['EMPLOYMENT', 'HEALTH']);
    expect(grants.verify('020280-1234', g, 'cw-1')).toBeNull();
    expect(grants.verify('010180-1234', g, 'cw-2')).toBeNull();
    expect(grants.verify('010180-1234', g.replace(/^\d+/, '63'), 'cw-1')).toBeNull();
    expect(grants.verify('010180-1234', g.replace(/\.\d+\./, '.1.'), 'cw-1')).toBeNull();
    expect(grants.verify('010180-1234', undefined, 'cw-1')).toBeNull();
  });

  it('is valid for two windows from its own, and the same within a window', () => {
    const windowMs = GRANT_WINDOW_SECONDS * 1000;
    const start = Math.floor(Date.now() / windowMs) * windowMs;
    const g = grants.sign('010180-1234', ['HEALTH'], binding, start + 5);
    expect(grants.sign('010180-1234', ['HEALTH'], binding, start + windowMs - 1)).toBe(g);
    expect(grants.verify('010180-1234', g, 'cw-1', start + 2 * windowMs - 1)).not.toBeNull();
    expect(grants.verify('010180-1234', g, 'cw-1', start + 2 * windowMs)).toBeNull();
    expect(grants.verify('010180-1234', g, 'cw-1', start - 1)).toBeNull();
    // Another consent state gives another grant (and another entity cache key).
    expect(grants.sign('010180-1234', ['HEALTH'], { ...binding, version: 2 }, start + 5)).not.toBe(
      g,
    );
  });
});

describe('maskCpr', () => {
  it('masks CPR-shaped digit runs with or without the dash', () => {
    expect(maskCpr('a 010180-1234 b 0101801234 c')).toBe('a ********** b ********** c');
  });
});
