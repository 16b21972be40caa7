import { describe, expect, it } from 'vitest';
import {
  areasWithData,
  BENEFIT_KINDS,
  CASE_KINDS,
  createDataset,
  createSyntheticCprCodec,
  INTERVENTION_KINDS,
  sampleCitizens,
} from '@hoi/dataset';
import { areaOfKle, parseCpr } from '@hoi/domain';

describe('createSyntheticCprCodec', () => {
  it('maps indexes to distinct valid replacement CPRs and back', () => {
    const codec = createSyntheticCprCodec(3, 50_000);
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      const cpr = codec.cprAt(i);
      expect(seen.has(cpr)).toBe(false);
      seen.add(cpr);
      expect(codec.indexOf(cpr)).toBe(i);
      if (i % 499 === 0) expect(parseCpr(cpr).replacement).toBe(true);
    }
    expect(codec.indexOf('010180-1234')).toBe(-1);
  });
});

describe('createDataset', () => {
  const options = { seed: 11, citizens: 3000, referenceDate: '2026-01-15' };
  it('is deterministic from seed and count', () => {
    const a = createDataset(options);
    const b = createDataset(options);
    for (const i of [0, 1, 77, 2999]) expect(a.at(i)).toEqual(b.at(i));
    expect(createDataset({ ...options, seed: 12 }).at(5)).not.toEqual(a.at(5));
  });
  it('follows the distributions of domain.md §9.4 roughly', () => {
    const ds = createDataset(options);
    const groups = { MANDATORY: 0, OPTIONAL: 0, NONE: 0 };
    for (let i = 0; i < ds.size; i++) groups[ds.at(i).group] += 1;
    expect(groups.MANDATORY / ds.size).toBeGreaterThan(0.15);
    expect(groups.OPTIONAL / ds.size).toBeGreaterThan(0.08);
    expect(groups.NONE / ds.size).toBeGreaterThan(0.5);
  });
  it('derives every record’s area from its KLE number', () => {
    for (const kinds of Object.values(CASE_KINDS))
      for (const k of kinds) expect(areaOfKle(k.kle), k.title).toBe(k.area);
    for (const k of [...BENEFIT_KINDS, ...INTERVENTION_KINDS])
      expect(areaOfKle(k.kle), k.kle).toBe(k.area);
  });
  it('samples citizens with the most areas first', () => {
    const ds = createDataset(options);
    const sample = sampleCitizens(ds, 20);
    const counts = sample.map((s) => s.areas.length);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    for (const s of sample) expect(areasWithData(ds.byCpr(s.cpr)!)).toEqual(s.areas);
  });
});
