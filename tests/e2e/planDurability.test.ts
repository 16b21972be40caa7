/**
 * Durability of the joint HOI plan (DESIGN §3a): acknowledged plan writes survive a SIGKILL
 * of the plan subgraph process, with PGlite and with PostgreSQL. The plan subgraph asks a
 * real consent subgraph process before every write; no log line of either holds a CPR.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccessContextSigner, createAccessGrants } from '@hoi/access';
import { SECTOR_AREAS } from '@hoi/domain';
import { createScratch } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';
import { startService, stopProcess } from '../helpers/processes.js';
import { postGraphQL } from '../helpers/system.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');
const SECRET = 'plan-durability-access-context-secret-0123';
const CPR = '710190-1234';

const logs: string[] = [];
const scratch = createScratch(DATABASE_URL);
afterAll(() => scratch.dispose());

async function call(url: string, query: string, variables: Record<string, unknown>) {
  const token = await createAccessContextSigner(SECRET)(
    {
      principal: { sub: 'cw-durable', role: 'caseworker', areas: [...SECTOR_AREAS] },
      requestId: `plan-durable-${randomBytes(4).toString('hex')}`,
      operationName: 'Durable',
    },
    { query, variables },
  );
  const res = await postGraphQL(url, { query, variables }, { 'x-hoi-access-context': token });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const backends: [string, () => Record<string, string>][] = [
  [
    'PGlite',
    () => {
      const dir = scratch.dir('hoi-plan-durable');
      return {
        DATABASE_URL: '',
        CONSENT_DATA_DIR: join(dir, 'consent'),
        PLAN_DATA_DIR: join(dir, 'plan'),
      };
    },
  ],
  [
    'PostgreSQL',
    () => {
      const schema = scratch.schema('t_plan_durable');
      return { DATABASE_URL, DATABASE_SCHEMA: schema };
    },
  ],
];

describe.each(backends)('plan subgraph on %s', (_name, backend) => {
  it('keeps every acknowledged plan write across SIGKILL, and logs no CPR', async () => {
    const env = {
      ...backend(),
      ACCESS_CONTEXT_SECRET: SECRET,
      DATASET_CITIZENS: '1000',
      CONSENT_PORT: '0',
      PLAN_PORT: '0',
      PLAN_DEMO_CITIZENS: '0',
    };
    const consent = await startService('subgraphs/consent/dist/index.js', env, logs);
    const planEnv = { ...env, CONSENT_URL: consent.url };
    let plan = await startService('subgraphs/plan/dist/index.js', planEnv, logs);
    try {
      await call(
        consent.url,
        'mutation($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [HEALTH], validUntil: "2099-12-31") { id } }',
        { cpr: CPR },
      );
      const created = await call(
        plan.url,
        'mutation($cpr: CPR!) { createHoiPlan(cpr: $cpr, overallGoal: "Jeg vil have et job") { id version } }',
        { cpr: CPR },
      );
      const { id } = created.createHoiPlan as { id: string; version: number };
      const writes = [
        'addSubGoal(planId: $id, expectedVersion: $v, area: EMPLOYMENT, text: "Praktik", targetDate: "2027-01-15")',
        'addAgreement(planId: $id, expectedVersion: $v, area: HEALTH, text: "Lægesamtale")',
        'scheduleMeeting(planId: $id, expectedVersion: $v, area: SOCIAL_ADULT, title: "Netværksmøde", start: "2026-10-25T02:30:00+02:00", end: "2026-10-25T02:30:00+01:00")',
        'addSubGoal(planId: $id, expectedVersion: $v, area: EDUCATION, text: "Kursus")',
        'setPlanStatus(planId: $id, expectedVersion: $v, status: ACTIVE)',
      ];
      for (const [i, write] of writes.entries()) {
        const data = await call(plan.url, `mutation($id: ID!, $v: Int!) { ${write} { version } }`, {
          id,
          v: i + 1,
        });
        expect(Object.values(data)[0]).toEqual({ version: i + 2 });
      }
      await stopProcess(plan.child, 'SIGKILL');

      plan = await startService('subgraphs/plan/dist/index.js', planEnv, logs);
      const grant = createAccessGrants(SECRET).sign(CPR, SECTOR_AREAS, {
        sub: 'cw-durable',
        version: 0,
      });
      const after = await call(
        plan.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { hoiPlan {
           id status version subGoals { text targetDate } agreements { text } meetings { start end } } } } }`,
        { r: [{ __typename: 'Citizen', cpr: CPR, accessGrant: grant }] },
      );
      expect(after._entities).toEqual([
        {
          hoiPlan: {
            id,
            status: 'ACTIVE',
            version: 6,
            subGoals: [
              { text: 'Praktik', targetDate: '2027-01-15' },
              { text: 'Kursus', targetDate: null },
            ],
            agreements: [{ text: 'Lægesamtale' }],
            meetings: [{ start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T01:30:00.000Z' }],
          },
        },
      ]);
      expect(await stopProcess(plan.child, 'SIGTERM')).toBe(0);
    } finally {
      await stopProcess(plan.child, 'SIGKILL');
      await stopProcess(consent.child, 'SIGKILL');
    }
    const text = logs.join('');
    expect(text).toContain('plan store ready');
    expect(text).not.toContain(CPR.slice(0, 6));
    expect(text).not.toMatch(/\b\d{6}-?\d{4}\b/);
  });
});
