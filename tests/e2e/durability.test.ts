/**
 * Durability (DESIGN §5): acknowledged consent writes and audit records survive a SIGKILL of
 * the consent subgraph process, with PGlite and with PostgreSQL. The same runs capture every
 * log line the process writes and find no CPR in them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createAccessContextSigner, createPseudonymizer } from '@hoi/access';
import { createSqlConsentStore } from '@hoi/subgraph-consent';
import { createPgliteDatabase, createPostgresDatabase } from '@hoi/storage';
import { createScratch } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';
import { startService, stopProcess } from '../helpers/processes.js';
import { postGraphQL } from '../helpers/system.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');
const SECRET = 'durability-test-access-context-secret-0123';
const AUDIT_KEY = 'durability-test-audit-key-0123456789abcdef';
const CPR = '710190-1234';

const logs: string[] = [];
const scratch = createScratch(DATABASE_URL);

const startConsent = (env: Record<string, string>) =>
  startService(
    'subgraphs/consent/dist/index.js',
    {
      ACCESS_CONTEXT_SECRET: SECRET,
      AUDIT_PSEUDONYM_KEY: AUDIT_KEY,
      CONSENT_PORT: '0',
      DATASET_CITIZENS: '1000',
      ...env,
    },
    logs,
  );

async function call(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  requestId: string,
) {
  const token = await createAccessContextSigner(SECRET)(
    {
      principal: { sub: 'cw-durable', role: 'caseworker', areas: ['EMPLOYMENT'] },
      requestId,
      operationName: 'Durable',
    },
    { query, variables },
  );
  return postGraphQL(url, { query, variables }, { 'x-hoi-access-context': token });
}

afterAll(() => scratch.dispose());

const backends: [
  string,
  () => { env: Record<string, string>; open: () => ReturnType<typeof createSqlConsentStore> },
][] = [
  [
    'PGlite',
    () => {
      const dir = scratch.dir('hoi-durable');
      return {
        env: { CONSENT_DATA_DIR: dir, DATABASE_URL: '' },
        open: async () => createSqlConsentStore(await createPgliteDatabase(dir)),
      };
    },
  ],
  [
    'PostgreSQL',
    () => {
      const schema = scratch.schema('t_durable');
      return {
        env: { DATABASE_URL, DATABASE_SCHEMA: schema },
        open: async () => createSqlConsentStore(await createPostgresDatabase(DATABASE_URL, schema)),
      };
    },
  ],
];

describe.each(backends)('consent subgraph on %s', (_name, backend) => {
  it('keeps acknowledged consents and audit records across SIGKILL, and logs no CPR', async () => {
    const { env, open } = backend();
    const first = await startConsent(env);
    const given = await call(
      first.url,
      'mutation($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [HEALTH, ADDICTION], validUntil: "2099-12-31") { id status } }',
      { cpr: CPR },
      'durable-write',
    );
    expect(given.errors).toBeUndefined();
    const read = await call(
      first.url,
      'query($cpr: CPR!) { citizen(cpr: $cpr) { access { area visible } } }',
      { cpr: CPR },
      'durable-read',
    );
    expect(read.errors).toBeUndefined();
    await stopProcess(first.child, 'SIGKILL');

    const second = await startConsent(env);
    const after = await call(
      second.url,
      'query($cpr: CPR!) { citizen(cpr: $cpr) { consent { id status areas } } }',
      { cpr: CPR },
      'durable-after',
    );
    expect(after.data).toEqual({
      citizen: {
        consent: {
          id: (given.data!.giveConsent as { id: string }).id,
          status: 'ACTIVE',
          areas: ['HEALTH', 'ADDICTION'],
        },
      },
    });
    expect(await stopProcess(second.child, 'SIGTERM')).toBe(0);

    const store = await open();
    try {
      const audit = await store.readAudit({
        citizenRef: createPseudonymizer(AUDIT_KEY, 'audit-citizen')(CPR),
      });
      expect(audit.map((r) => r.requestId)).toEqual([
        'durable-write',
        'durable-read',
        'durable-after',
      ]);
      expect(audit[1]).toMatchObject({
        subject: 'cw-durable',
        operationName: 'Durable',
        areas: ['EMPLOYMENT', 'HEALTH', 'ADDICTION'],
      });
    } finally {
      await store.close();
    }
    const text = logs.join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(CPR.slice(0, 6));
    expect(text).not.toMatch(/\b\d{6}-?\d{4}\b/);
  });
});
