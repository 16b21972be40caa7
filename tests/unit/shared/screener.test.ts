/** The screener role in the shared principal and policy modules (issue 7). */
import { describe, expect, it } from 'vitest';
import { decideAccess, principalFromClaims, SECTOR_AREAS } from '@hoi/domain';

describe('principalFromClaims', () => {
  it('accepts a screener without areas', () => {
    expect(principalFromClaims({ sub: 'screener-1', role: 'screener' })).toEqual({
      sub: 'screener-1',
      role: 'screener',
      areas: [],
    });
    expect(principalFromClaims({ sub: 'screener-1', role: 'screener', areas: [] })).toMatchObject({
      role: 'screener',
    });
  });
  it('refuses a screener token that claims areas', () => {
    expect(
      principalFromClaims({ sub: 'screener-1', role: 'screener', areas: ['EMPLOYMENT'] }),
    ).toBeNull();
  });
});

describe('decideAccess', () => {
  it('shows a screener no area, whatever the citizen consented to', () => {
    const consent = {
      id: 'c1',
      status: 'ACTIVE' as const,
      areas: [...SECTOR_AREAS],
      givenAt: '2026-01-01T10:00:00Z',
      validUntil: '2099-12-31',
      withdrawnAt: null,
    };
    const access = decideAccess(
      { sub: 's', role: 'screener', areas: [] },
      '010190-1234',
      [consent],
      new Date('2026-01-15T10:00:00Z'),
    );
    expect(access).toEqual(SECTOR_AREAS.map((area) => ({ area, visible: false, basis: 'NONE' })));
  });
});
