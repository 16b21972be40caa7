/** If the audit record cannot be written, no citizen data leaves (DESIGN §4: fail closed). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsentStore, createSqlConsentStore } from '@hoi/subgraph-consent';
import { SECTOR_AREAS } from '@hoi/domain';
import { createTestDatabase } from '../helpers/database.js';
import { startSystem, type System } from '../helpers/system.js';

let system: System;
let auditFails = false;
let real: ConsentStore;

beforeAll(async () => {
  real = await createSqlConsentStore(await createTestDatabase());
  const store: ConsentStore = {
    historyMany: (cprs) => real.historyMany(cprs),
    update: (cpr, seed, decide) => real.update(cpr, seed, decide),
    appendAudit: (records) =>
      auditFails ? Promise.reject(new Error('disk full')) : real.appendAudit(records),
    readAudit: (filter) => real.readAudit(filter),
    accessLog: (ref, after, limit) => real.accessLog(ref, after, limit),
    ping: () => real.ping(),
    close: () => real.close(),
  };
  system = await startSystem({ store, citizens: 500 });
});
afterAll(async () => {
  await system?.stop();
  await real?.close();
});

describe('audit write failure', () => {
  it('returns no citizen data and an error instead', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw', areas: [...SECTOR_AREAS] });
    const cpr = system.dataset.cprAt(1);
    const query = `{ citizen(cpr: "${cpr}") { cpr cases { title } benefits { name } interventions { title } employment { contactGroup } consent { id } } }`;
    expect((await system.query(query, undefined, token)).data).not.toBeNull();
    auditFails = true;
    try {
      const res = await system.query(query, undefined, token);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res)).not.toContain('disk full');
    } finally {
      auditFails = false;
    }
  });
});
