/**
 * The screening store (HOI decisions, screening audit log) against both of its databases,
 * embedded PGlite on disk and PostgreSQL in a throwaway schema: decisions survive a restart
 * and a new projection leaves their citizens out; one HOI case per citizen under concurrency;
 * the tables live beside the consent store's in one database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqlConsentStore } from '@hoi/subgraph-consent';
import { createPgliteDatabase, type SqlDatabase } from '@hoi/storage';
import {
  createDecisionSync,
  createSqlScreeningStore,
  HoiCaseExistsError,
  type ScreeningAuditRecord,
  type ScreeningFacts,
  ScreeningProjection,
  SnapshotBuilder,
} from '@hoi/subgraph-screening';
import { throwawaySchema } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');

interface Backend {
  readonly name: string;
  open(): Promise<SqlDatabase>;
  dispose(): Promise<void>;
}

const backends: Backend[] = [];

function pglite(): Backend {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-screening-'));
  const b: Backend = {
    name: 'PGlite',
    open: () => createPgliteDatabase(dir),
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  backends.push(b);
  return b;
}

function postgres(): Backend {
  const b: Backend = { name: 'PostgreSQL', ...throwawaySchema(DATABASE_URL, 't_screening') };
  backends.push(b);
  return b;
}

afterAll(async () => {
  for (const b of backends) await b.dispose();
});

const CPR_A = '710190-1234';
const CPR_B = '720285-2345';
const CPR_C = '630377-3456';
const at = '2026-01-15T09:00:00.000Z';

const facts: ScreeningFacts = {
  employmentCase: true,
  listedBenefit: true,
  socialIntervention: true,
  openCaseAreas: ['EMPLOYMENT', 'ADDICTION'],
  hoiCase: false,
};

function projectionOf(cprs: readonly string[]): ScreeningProjection {
  const builder = new SnapshotBuilder(new Date(at), '2026-01-15');
  for (const cpr of cprs) builder.add(cpr, facts);
  const projection = new ScreeningProjection();
  projection.replace(builder.finish());
  return projection;
}

describe.each([
  ['PGlite', pglite],
  ['PostgreSQL', postgres],
] as const)('the screening store on %s', (_name, make) => {
  const backend = make();

  it('keeps decisions across a restart, and a new projection leaves their citizens out', async () => {
    const store = await createSqlScreeningStore(await backend.open());
    const { record, created } = await store.registerHoiCase({
      id: 'case-a',
      cpr: CPR_A,
      decidedAt: at,
      decidedBy: 'cw',
    });
    expect(created).toBe(true);
    expect(record).toMatchObject({
      id: 'case-a',
      cpr: CPR_A,
      kind: 'HOI_CASE',
      reason: null,
      decidedAt: at,
      decidedBy: 'cw',
    });
    await store.recordDecline({
      id: 'decline-b',
      cpr: CPR_B,
      reason: 'nej tak',
      decidedAt: at,
      decidedBy: 'cw',
    });
    const audit: ScreeningAuditRecord = {
      at,
      requestId: 'r1',
      operationName: 'Page',
      subject: 'screener-1',
      role: 'screener',
      citizenRef: 'ref-a',
      areas: ['EMPLOYMENT'],
      bases: { EMPLOYMENT: 'STATUTORY_SCREENING' },
      purpose: 'HOI_SCREENING',
      unit: null,
    };
    await store.appendAudit([audit, { ...audit, citizenRef: null, areas: [], bases: {} }]);
    await store.close();

    const reopened = await createSqlScreeningStore(await backend.open());
    try {
      const decisions = await reopened.decisionsOf([CPR_A, CPR_B, CPR_C]);
      expect(decisions.get(CPR_A)?.map((d) => d.kind)).toEqual(['HOI_CASE']);
      expect(decisions.get(CPR_B)?.map((d) => [d.kind, d.reason])).toEqual([
        ['DECLINED', 'nej tak'],
      ]);
      expect(decisions.has(CPR_C)).toBe(false);
      expect(await reopened.readAudit({ requestId: 'r1' })).toEqual([
        audit,
        { ...audit, citizenRef: null, areas: [], bases: {} },
      ]);

      const projection = projectionOf([CPR_A, CPR_B, CPR_C]);
      const sync = createDecisionSync(reopened, projection);
      await sync.sync();
      expect(projection.page('MANDATORY', '2026-01-15', 10, null).items.map((i) => i.cpr)).toEqual([
        CPR_C,
      ]);
      // A decision recorded later (by any instance) arrives with the next sync.
      await reopened.recordDecline({
        id: 'decline-c',
        cpr: CPR_C,
        reason: 'senere',
        decidedAt: at,
        decidedBy: 'cw2',
      });
      await sync.sync();
      expect(projection.page('MANDATORY', '2026-01-15', 10, null).totalCount).toBe(0);
      expect((await reopened.decisionsAfter(0)).map((d) => d.cpr)).toEqual([CPR_A, CPR_B, CPR_C]);
    } finally {
      await reopened.close();
    }
  });

  it('registers one HOI case per citizen, however many ask at once, and refuses a decline after it', async () => {
    const store = await createSqlScreeningStore(await backend.open());
    try {
      const cpr = '650101-4321';
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          store.registerHoiCase({ id: `race-${i}`, cpr, decidedAt: at, decidedBy: `cw${i}` }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
      await expect(
        store.recordDecline({ id: 'late', cpr, reason: 'nej', decidedAt: at, decidedBy: 'cw' }),
      ).rejects.toBeInstanceOf(HoiCaseExistsError);
    } finally {
      await store.close();
    }
  });

  it('shares a database with the consent store without either noticing', async () => {
    const db = await backend.open();
    const consent = await createSqlConsentStore(db);
    const screening = await createSqlScreeningStore({ ...db, close: async () => {} });
    // Migrating again (a restart of either) is a no-op.
    await createSqlScreeningStore({ ...db, close: async () => {} });
    expect(await consent.readAudit({ requestId: 'r1' })).toEqual([]);
    expect((await screening.readAudit({ requestId: 'r1' })).length).toBeGreaterThan(0);
    expect(await screening.ping()).toBe(true);
    await consent.close();
  });
});
