/**
 * The SQL plan store against both of its databases: embedded PGlite and a real PostgreSQL
 * (DATABASE_URL, required) in a throwaway schema. Optimistic concurrency, one plan per
 * citizen, closed plans and seeding, each under concurrent writers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import type { PlanRecord } from '@hoi/domain';
import type { SqlDatabase } from '@hoi/storage';
import { createSqlPlanStore, type PlanChange, type PlanStore } from '@hoi/subgraph-plan';
import { createTestDatabase, throwawaySchema } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');

interface Backend {
  readonly name: string;
  open(): Promise<SqlDatabase>;
  dispose(): Promise<void>;
}

const backends: Backend[] = [
  { name: 'PGlite', open: () => createTestDatabase(), dispose: async () => {} },
  { name: 'PostgreSQL', ...throwawaySchema(DATABASE_URL, 't_plan') },
];

let serial = 0;
const cprOf = () => `0101${String(80 + (serial % 20)).padStart(2, '0')}-${String(1000 + serial++)}`;

function agreement(n: number): PlanChange {
  return {
    kind: 'addElement',
    element: {
      kind: 'AGREEMENT',
      id: `agreement-${serial}-${n}-${Math.random()}`,
      area: 'EMPLOYMENT',
      text: `Aftale ${n}`,
      dueDate: '2026-12-01',
      status: 'OPEN',
      citizenComment: null,
      createdAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
    },
  };
}

function codeOf(err: unknown): unknown {
  return err instanceof GraphQLError ? err.extensions.code : err;
}

for (const backend of backends) {
  describe(`plan store on ${backend.name}`, () => {
    let db: SqlDatabase;
    let store: PlanStore;

    beforeAll(async () => {
      db = await backend.open();
      store = await createSqlPlanStore(db);
    });
    afterAll(async () => {
      await store?.close();
      await backend.dispose();
    });

    async function newPlan(): Promise<PlanRecord> {
      const plan = await store.create({
        id: `plan-${serial}-${Math.random()}`,
        cpr: cprOf(),
        status: 'ACTIVE',
        overallGoal: 'Jeg vil have et arbejde',
        createdAt: '2026-11-01T09:00:00.000Z',
      });
      if (!plan) throw new Error('not created');
      return plan;
    }

    it('creates one plan per citizen, also when two instances race', async () => {
      const cpr = cprOf();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.create({
            id: `race-${cpr}-${i}`,
            cpr,
            status: 'DRAFT',
            overallGoal: 'Mål',
            createdAt: '2026-11-01T09:00:00.000Z',
          }),
        ),
      );
      const created = results.filter((r) => r !== null);
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ cpr, version: 1, status: 'DRAFT', revisedAt: null });
      expect((await store.byCitizens([cpr])).get(cpr)?.id).toBe(created[0]!.id);
    });

    it('20 concurrent writers with the same expectedVersion: exactly one succeeds', async () => {
      const plan = await newPlan();
      let version = plan.version;
      for (let round = 0; round < 3; round++) {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            store.write(plan.id, version, new Date().toISOString(), () =>
              agreement(round * 20 + i),
            ),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost.map((o) => codeOf(o.reason))).toEqual(Array(19).fill('VERSION_CONFLICT'));
        version += 1;
        expect((won[0] as PromiseFulfilledResult<PlanRecord>).value.version).toBe(version);
      }
      const stored = await store.byId(plan.id);
      expect(stored?.version).toBe(4);
      expect(stored?.agreements).toHaveLength(3);
    });

    it('no lost update: 20 writers that retry on conflict all land, version = writes + 1', async () => {
      const plan = await newPlan();
      const writer = async (n: number) => {
        for (let attempt = 0; attempt < 200; attempt++) {
          const current = (await store.byId(plan.id))!;
          try {
            return await store.write(plan.id, current.version, new Date().toISOString(), () =>
              agreement(n),
            );
          } catch (err) {
            if (codeOf(err) !== 'VERSION_CONFLICT') throw err;
          }
        }
        throw new Error('writer never landed');
      };
      await Promise.all(Array.from({ length: 20 }, (_, n) => writer(n)));
      const stored = (await store.byId(plan.id))!;
      expect(stored.agreements.map((a) => a.text).sort()).toEqual(
        Array.from({ length: 20 }, (_, n) => `Aftale ${n}`).sort(),
      );
      expect(stored.version).toBe(21);
    });

    it('a conflict, a throwing decision and a closed plan write nothing', async () => {
      const plan = await newPlan();
      await expect(
        store.write(plan.id, plan.version + 1, new Date().toISOString(), () => agreement(1)),
      ).rejects.toSatisfy((e) => codeOf(e) === 'VERSION_CONFLICT');
      await expect(
        store.write(plan.id, plan.version, new Date().toISOString(), () => {
          throw new GraphQLError('no', { extensions: { code: 'NOT_FOUND' } });
        }),
      ).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
      expect(await store.byId(plan.id)).toEqual(plan);

      const closed = await store.write(plan.id, 1, '2026-11-02T09:00:00.000Z', () => ({
        kind: 'setPlanStatus',
        status: 'CLOSED',
      }));
      expect(closed).toMatchObject({
        status: 'CLOSED',
        version: 2,
        revisedAt: '2026-11-02T09:00:00.000Z',
      });
      await expect(
        store.write(plan.id, 2, new Date().toISOString(), () => agreement(2)),
      ).rejects.toSatisfy((e) => codeOf(e) === 'FAILED_PRECONDITION');
      expect((await store.byId(plan.id))?.version).toBe(2);
      await expect(
        store.write('no-such-plan', 1, new Date().toISOString(), () => agreement(3)),
      ).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    });

    it('seeds once per name, keeps a plan a citizen has already, and keeps every element', async () => {
      const existing = await newPlan();
      const seedPlan = (cpr: string, id: string): PlanRecord => ({
        id,
        cpr,
        status: 'ACTIVE',
        version: 4,
        overallGoal: 'Jeg vil gerne have styr på min økonomi',
        createdAt: '2026-10-01T08:00:00.000Z',
        revisedAt: '2026-10-20T08:00:00.000Z',
        subGoals: [
          {
            id: `${id}-g`,
            area: 'HEALTH',
            text: 'Sove bedre',
            targetDate: null,
            status: 'IN_PROGRESS',
            createdAt: '2026-10-01T08:00:00.000Z',
          },
        ],
        agreements: [
          {
            id: `${id}-a`,
            area: 'EMPLOYMENT',
            text: 'Søge to job om ugen',
            dueDate: '2026-12-01',
            status: 'OPEN',
            citizenComment: 'Det prøver jeg',
            createdAt: '2026-10-02T08:00:00.000Z',
          },
        ],
        meetings: [
          {
            id: `${id}-m`,
            area: 'SOCIAL_ADULT',
            title: 'Netværksmøde',
            start: '2026-10-26T09:00:00.000Z',
            end: '2026-10-26T10:00:00.000Z',
            createdAt: '2026-10-03T08:00:00.000Z',
          },
        ],
      });
      const fresh = cprOf();
      const plans = [
        seedPlan(fresh, `seed-${fresh}`),
        seedPlan(existing.cpr, `seed-${existing.cpr}`),
      ];
      const name = `demo-${Math.random()}`;
      const counts = await Promise.all([
        store.seed(name, () => plans),
        store.seed(name, () => plans),
      ]);
      expect(counts.sort()).toEqual([0, 1]);
      // Seeded already: the plans are not even made again.
      expect(
        await store.seed(name, () => {
          throw new Error('generated again');
        }),
      ).toBe(0);
      expect(await store.byId(plans[0]!.id)).toEqual(plans[0]);
      expect((await store.byCitizens([existing.cpr])).get(existing.cpr)).toEqual(existing);
    });
  });
}
