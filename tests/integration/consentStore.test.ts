/**
 * The SQL consent store against both of its databases: embedded PGlite on disk and a real
 * PostgreSQL (DATABASE_URL, required) in a throwaway schema.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterAll } from 'vitest';
import type { ConsentRecord } from '@hoi/domain';
import {
  type AuditRecord,
  CONSENT_LEDGER,
  type ConsentStore,
  createSqlConsentStore,
  MIGRATIONS,
  runConsentMigrations,
} from '@hoi/subgraph-consent';
import { createPgliteDatabase, runMigrations, type SqlDatabase } from '@hoi/storage';
import { createTestDatabase, throwawaySchema } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');

/** A database that can be opened again on the same storage (for durability). */
interface Backend {
  readonly name: string;
  /** Set for an embedded database: its directory, which another process may open once closed. */
  readonly dataDir?: () => string;
  open(): Promise<SqlDatabase>;
  dispose(): Promise<void>;
}

function pgliteBackend(): Backend {
  // Created on first use, so a run that filters out every PGlite test leaves nothing behind.
  let dir: string | undefined;
  const dataDir = (): string => (dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-pglite-')));
  return {
    name: 'PGlite',
    dataDir,
    open: () => createPgliteDatabase(dataDir()),
    dispose: async () => {
      if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(): Backend {
  return { name: 'PostgreSQL', ...throwawaySchema(DATABASE_URL, 't_consent') };
}

const CPR_A = '710190-1234';
const CPR_B = '720285-2345';
const CPR_C = '630377-3456';

function consent(
  cpr: string,
  id: string,
  givenAt: string,
  patch: Partial<ConsentRecord> = {},
): ConsentRecord {
  return {
    id,
    cpr,
    status: 'ACTIVE',
    areas: ['EMPLOYMENT', 'HEALTH'],
    givenAt,
    validUntil: '2026-12-31',
    withdrawnAt: null,
    channel: 'RECORDED_BY_CASEWORKER',
    givenBy: { role: 'caseworker', unit: 'Jobcenter Nord' },
    withdrawnBy: null,
    ...patch,
  };
}

function audit(requestId: string, citizenRef: string, at: string): AuditRecord {
  return {
    at,
    requestId,
    operationName: 'CitizenOverview',
    subject: 'cw-1',
    role: 'caseworker',
    unit: 'Jobcenter Nord',
    kind: 'READ',
    purpose: 'CITIZEN_OVERVIEW',
    citizenRef,
    areas: ['EMPLOYMENT', 'HEALTH'],
    bases: { EMPLOYMENT: 'OWN_AUTHORITY', HEALTH: 'CONSENT' },
  };
}

for (const backend of [pgliteBackend(), postgresBackend()])
  describe(`SqlConsentStore on ${backend.name}`, () => {
    let db: SqlDatabase | undefined;
    let store: ConsentStore;

    async function version(cpr: string): Promise<number | undefined> {
      const rows = await db!.query<{ version: number }>(
        'select version from consent_citizen where cpr = $1',
        [cpr],
      );
      return rows[0]?.version;
    }

    beforeEach(async () => {
      if (!db) {
        // The first open of PGlite creates its cluster (initdb in WASM): seconds, more when busy.
        db = await backend.open();
        store = await createSqlConsentStore(db);
      }
      // One database per backend for speed; tests start from empty tables.
      await db.query('truncate consent, consent_citizen, audit_log restart identity');
    }, 30_000);

    afterAll(async () => {
      await db?.close();
      await backend.dispose();
    });

    it('running the migrations again changes nothing and keeps the data', async () => {
      await store.update(CPR_A, [], () => ({
        upserts: [consent(CPR_A, 'a1', '2024-01-01T10:00:00.000Z')],
        result: null,
      }));
      await runConsentMigrations(db!);
      await runConsentMigrations(db!);
      const versions = await db!.query<{ version: number }>(
        'select version from schema_migrations order by version',
      );
      expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      expect((await store.historyMany([CPR_A])).get(CPR_A)).toHaveLength(1);
      expect(await store.ping()).toBe(true);
    });

    it('the first update materializes the seed, and decide sees it oldest first', async () => {
      const seed = [
        consent(CPR_A, 's2', '2023-06-01T08:30:00.000Z', {
          status: 'WITHDRAWN',
          withdrawnAt: '2023-07-01T09:00:00.123Z',
          validUntil: '2024-02-29',
        }),
        consent(CPR_A, 's1', '2022-01-01T00:00:00.000Z', { areas: ['CHILDREN_FAMILY'] }),
      ];
      let seen: readonly ConsentRecord[] = [];
      const result = await store.update(CPR_A, seed, (history) => {
        seen = history;
        return { upserts: [consent(CPR_A, 'n1', '2024-03-01T12:00:00.000Z')], result: 'ok' };
      });

      expect(result).toBe('ok');
      // Dates and instants come back as the same ISO strings, whatever the driver.
      expect(seen).toEqual([seed[1], seed[0]]);
      expect((await store.historyMany([CPR_A])).get(CPR_A)?.map((c) => c.id)).toEqual([
        's1',
        's2',
        'n1',
      ]);
      expect(await version(CPR_A)).toBe(1);
    });

    it('the seed is ignored once the citizen has a stored history', async () => {
      await store.update(CPR_A, [consent(CPR_A, 's1', '2022-01-01T00:00:00.000Z')], () => ({
        upserts: [],
        result: 0,
      }));
      const seen = await store.update(
        CPR_A,
        [consent(CPR_A, 'other', '2021-01-01T00:00:00.000Z')],
        (h) => ({
          upserts: [],
          result: h.map((c) => c.id),
        }),
      );
      expect(seen).toEqual(['s1']);
      expect(await version(CPR_A)).toBe(2);
    });

    it('upserting an existing id replaces that record instead of adding one', async () => {
      const original = consent(CPR_A, 'a1', '2024-01-01T10:00:00.000Z');
      await store.update(CPR_A, [], () => ({ upserts: [original], result: null }));
      const withdrawn = {
        ...original,
        status: 'WITHDRAWN' as const,
        withdrawnAt: '2024-02-01T11:22:33.444Z',
      };
      await store.update(CPR_A, [], () => ({ upserts: [withdrawn], result: null }));
      expect((await store.historyMany([CPR_A])).get(CPR_A)).toEqual([withdrawn]);
    });

    it('a decide that throws writes nothing, not even the seed, and the error reaches the caller', async () => {
      const seed = [consent(CPR_A, 's1', '2022-01-01T00:00:00.000Z')];
      await expect(
        store.update(CPR_A, seed, () => {
          throw new Error('consent already withdrawn');
        }),
      ).rejects.toThrow('consent already withdrawn');
      expect((await store.historyMany([CPR_A])).has(CPR_A)).toBe(false);
      expect(await version(CPR_A)).toBeUndefined();
      expect(await db!.query('select id from consent')).toEqual([]);
    });

    it('refuses a record of another citizen and writes nothing', async () => {
      await expect(
        store.update(CPR_A, [], () => ({
          upserts: [consent(CPR_B, 'b1', '2024-01-01T00:00:00.000Z')],
          result: null,
        })),
      ).rejects.toThrow(/another citizen/);
      expect(await store.historyMany([CPR_A, CPR_B])).toEqual(new Map());
    });

    it('20 concurrent updates for one citizen run one after another: 20 records, version 20', async () => {
      // Each write appends a record whose id is the history length it saw: two writers that
      // saw the same history would upsert the same id and end with fewer than 20 records.
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.update(CPR_A, [], (history) => {
            const n = history.length;
            const givenAt = new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString();
            return {
              upserts: [consent(CPR_A, `c${String(n).padStart(2, '0')}`, givenAt)],
              result: n,
            };
          }),
        ),
      );
      expect([...results].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect((await store.historyMany([CPR_A])).get(CPR_A)).toHaveLength(20);
      expect(await version(CPR_A)).toBe(20);
    });

    it('historyMany returns written citizens (also with an empty history) and omits unknown ones', async () => {
      await store.update(CPR_A, [], () => ({
        upserts: [
          consent(CPR_A, 'a2', '2024-05-01T00:00:00.000Z'),
          consent(CPR_A, 'a1', '2024-01-01T00:00:00.000Z'),
        ],
        result: null,
      }));
      await store.update(CPR_B, [], () => ({ upserts: [], result: null }));

      const histories = await store.historyMany([CPR_A, CPR_B, CPR_C, CPR_A]);
      expect([...histories.keys()].sort()).toEqual([CPR_A, CPR_B].sort());
      expect(histories.get(CPR_A)?.map((c) => c.id)).toEqual(['a1', 'a2']);
      expect(histories.get(CPR_B)).toEqual([]);
      expect(await store.historyMany([])).toEqual(new Map());
    });

    it('audit records read back oldest first, filtered by request and citizen', async () => {
      const records = [
        audit('req-1', 'ref-a', '2024-01-01T10:00:00.001Z'),
        audit('req-1', 'ref-b', '2024-01-01T10:00:00.002Z'),
        {
          ...audit('req-2', 'ref-a', '2024-01-01T10:00:01.000Z'),
          operationName: null,
          areas: [],
          bases: {},
        },
      ];
      await store.appendAudit(records.slice(0, 2));
      await store.appendAudit(records.slice(2));
      await store.appendAudit([]);

      expect(await store.readAudit()).toEqual(records);
      expect(await store.readAudit({ requestId: 'req-1' })).toEqual(records.slice(0, 2));
      expect(await store.readAudit({ citizenRef: 'ref-a' })).toEqual([records[0], records[2]]);
      expect(await store.readAudit({ requestId: 'req-2', citizenRef: 'ref-b' })).toEqual([]);
    });

    it('committed writes are still there after closing and reopening the database', async () => {
      const written = consent(CPR_A, 'a1', '2024-01-01T10:00:00.000Z');
      await store.update(CPR_A, [], () => ({ upserts: [written], result: null }));
      await store.appendAudit([audit('req-1', 'ref-a', '2024-01-01T10:00:00.000Z')]);
      await store.close();

      db = await backend.open();
      store = await createSqlConsentStore(db);
      expect((await store.historyMany([CPR_A])).get(CPR_A)).toEqual([written]);
      expect(await store.readAudit()).toHaveLength(1);
    });
  });

describe.each([
  ['PGlite', () => ({ open: createTestDatabase, dispose: async () => {} })],
  ['PostgreSQL', () => throwawaySchema(DATABASE_URL, 't_consent_v1')],
] as const)('the accountability migration on %s', (_name, backendOf) => {
  it('keeps consents written before it, naming their actor unknown', async () => {
    const backend = backendOf();
    const db = await backend.open();
    try {
      // A database at version 1, as a deployment from before accountability left it.
      await runMigrations(db, MIGRATIONS.slice(0, 1), CONSENT_LEDGER);
      await db.query(
        `insert into consent (id, cpr, status, areas, given_at, valid_until, withdrawn_at)
         values ('v1-a', $1, 'WITHDRAWN', '{HEALTH}', '2024-01-01T10:00:00Z', '2024-12-31', '2024-02-01T10:00:00Z'),
                ('v1-b', $1, 'ACTIVE', '{HEALTH}', '2024-03-01T10:00:00Z', '2099-12-31', null)`,
        [CPR_B],
      );
      await db.query('insert into consent_citizen (cpr, version) values ($1, 1)', [CPR_B]);
      const store = await createSqlConsentStore(db);
      const history = (await store.historyMany([CPR_B])).get(CPR_B);
      expect(history?.map((c) => [c.id, c.channel, c.givenBy, c.withdrawnBy])).toEqual([
        [
          'v1-a',
          'RECORDED_BY_CASEWORKER',
          { role: 'unknown', unit: null },
          { role: 'unknown', unit: null },
        ],
        ['v1-b', 'RECORDED_BY_CASEWORKER', { role: 'unknown', unit: null }, null],
      ]);
    } finally {
      await db.close();
      await backend.dispose();
    }
  });
});
