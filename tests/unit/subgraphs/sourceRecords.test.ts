/**
 * The record checks of the HTTP sources: every record of the synthetic dataset passes, and a
 * record with any one field missing or of the wrong type is rejected, naming that field.
 */
import { describe, expect, it } from 'vitest';
import { createDataset } from '@hoi/dataset';
import type { CitizenRecord } from '@hoi/domain';
import {
  benefitRecordFrom,
  caseRecordFrom,
  consentRecordFrom,
  employmentRecordFrom,
  interventionRecordFrom,
  RecordShapeError,
} from '@hoi/sources';

const dataset = createDataset({ seed: 5, citizens: 500 });
const citizens: CitizenRecord[] = Array.from({ length: 500 }, (_, i) => dataset.at(i));
/** Through JSON, as a record arrives over HTTP. */
const wire = <T>(v: T): Record<string, unknown> =>
  JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

const checks = {
  case: { check: (v: unknown) => caseRecordFrom(v), records: citizens.flatMap((c) => c.cases) },
  benefit: {
    check: (v: unknown) => benefitRecordFrom(v),
    records: citizens.flatMap((c) => c.benefits),
  },
  intervention: {
    check: (v: unknown) => interventionRecordFrom(v),
    records: citizens.flatMap((c) => c.interventions),
  },
  employment: {
    check: (v: unknown) => employmentRecordFrom(v),
    records: citizens.flatMap((c) => (c.employment ? [c.employment] : [])),
  },
  consent: {
    check: (v: unknown) => consentRecordFrom(v, (v as { cpr: string }).cpr),
    records: citizens.flatMap((c) => c.consents),
  },
};

describe.each(Object.entries(checks))('the %s record check', (_kind, { check, records }) => {
  it('passes every record of the dataset unchanged', () => {
    expect(records.length).toBeGreaterThan(10);
    for (const r of records) expect(check(wire(r))).toEqual(r);
  });

  it('rejects a record with any one field missing or mistyped, naming the field', () => {
    const sample = wire(
      records.find((r) => Object.values(r).every((v) => v !== null)) ?? records[0],
    );
    for (const key of Object.keys(sample)) {
      for (const bad of [undefined, 42, { nested: true }]) {
        const broken = { ...sample, [key]: bad };
        expect(() => check(broken), `${key}: ${JSON.stringify(bad)}`).toThrow(RecordShapeError);
        expect(() => check(broken)).toThrow(new RegExp(`^${key}`));
      }
    }
  });

  it('copies only the checked fields', () => {
    expect(check({ ...wire(records[0]), extra: 'x' })).not.toHaveProperty('extra');
  });
});

describe('consentRecordFrom', () => {
  it('rejects a consent of another citizen than the one asked for', () => {
    const consent = citizens.flatMap((c) => c.consents)[0]!;
    expect(() => consentRecordFrom(wire(consent), '010180-1234')).toThrow(
      /cpr must be the CPR asked for/,
    );
  });
});

describe('employmentRecordFrom', () => {
  it('reads null as no employment record', () => {
    expect(employmentRecordFrom(null)).toBeNull();
  });
});
