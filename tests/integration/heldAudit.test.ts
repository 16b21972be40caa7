/**
 * The cold path's held answers (issue 16): the consent subgraph answers the gateway before a
 * read's audit record is durable, so the data subgraphs' work runs alongside the commit, and
 * the gateway's answer still leaves only after the commit (DESIGN §4: fail closed). Any other
 * caller of the consent subgraph gets its answer only once the record is durable.
 */
import { ACCESS_CONTEXT_HEADER, createAccessContextSigner } from '@hoi/access';
import { SECTOR_AREAS } from '@hoi/domain';
import { HELD_ANSWER_HEADER } from '@hoi/platform';
import { type ConsentStore, createSqlConsentStore } from '@hoi/subgraph-consent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database.js';
import { startSystem, type System } from '../helpers/system.js';

let system: System;
let real: ConsentStore;
/** While set, audit appends wait for it: the commit is slow. */
let gate: Promise<void> | null = null;
let appendsStarted = 0;

beforeAll(async () => {
  real = await createSqlConsentStore(await createTestDatabase());
  const store: ConsentStore = {
    historyMany: (cprs) => real.historyMany(cprs),
    update: (cpr, seed, decide) => real.update(cpr, seed, decide),
    appendAudit: async (records) => {
      appendsStarted++;
      if (gate) await gate;
      return real.appendAudit(records);
    },
    readAudit: (filter) => real.readAudit(filter),
    accessLog: (ref, after, limit) => real.accessLog(ref, after, limit),
    ping: () => real.ping(),
    close: () => real.close(),
  };
  system = await startSystem({ store, citizens: 300 });
});
afterAll(async () => {
  await system?.stop();
  await real?.close();
});

/** A gate and the function that opens it. */
function closedGate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('held answers', () => {
  it('fetch the sources while the audit commits, and answer only after it', async () => {
    const token = await system.token({
      role: 'caseworker',
      sub: 'cw-held',
      areas: [...SECTOR_AREAS],
    });
    const cpr = system.dataset.cprAt(3);
    const requestId = 'held-answer-1';
    const { opened, open } = closedGate();
    gate = opened;
    const casesBefore = system.sources.cases.calls;
    const appendsBefore = appendsStarted;
    let answered = false;
    try {
      const response = fetch(system.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-request-id': requestId,
        },
        body: JSON.stringify({
          query: `{ citizen(cpr: "${cpr}") { cpr cases { id } benefits { id } consent { id } } }`,
        }),
      }).then(async (r) => {
        answered = true;
        return (await r.json()) as { data: unknown; errors?: unknown };
      });
      // The audit commit has started and waits; the case index was read meanwhile.
      await until(() => appendsStarted > appendsBefore, 'the audit append');
      await until(() => system.sources.cases.calls > casesBefore, 'the case source');
      await new Promise((r) => setTimeout(r, 100));
      expect(answered).toBe(false);
      expect((await real.readAudit({ requestId })).length).toBe(0);
      open();
      const body = await response;
      expect(body.errors).toBeUndefined();
      expect(body.data).toMatchObject({ citizen: { cpr } });
      expect((await real.readAudit({ requestId })).length).toBe(1);
    } finally {
      gate = null;
      open();
    }
  });

  it('are given only to a caller that reads them; any other waits for the commit', async () => {
    const cpr = system.dataset.cprAt(4);
    const body = { query: `{ citizen(cpr: "${cpr}") { consent { id } } }` };
    const sign = createAccessContextSigner(system.accessContextSecret);
    const access = {
      principal: { sub: 'peer', role: 'caseworker' as const, areas: [...SECTOR_AREAS] },
      operationName: null,
    };
    const post = async (requestId: string, heldAnswers: boolean) => {
      const started = performance.now();
      const res = await fetch(system.subgraphUrls.consent, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [ACCESS_CONTEXT_HEADER]: await sign({ ...access, requestId, heldAnswers }, body),
        },
        body: JSON.stringify(body),
      });
      const headersAfterMs = performance.now() - started;
      const text = await res.text();
      return { held: res.headers.get(HELD_ANSWER_HEADER), headersAfterMs, text };
    };
    for (const heldAnswers of [false, true]) {
      const { opened, open } = closedGate();
      gate = opened;
      try {
        const release = setTimeout(open, 300);
        const answer = await post(`held-peer-${heldAnswers}`, heldAnswers);
        clearTimeout(release);
        if (heldAnswers) {
          // The answer's head came before the commit; its confirmation after it.
          expect(answer.headersAfterMs).toBeLessThan(250);
          const length = Number(answer.held);
          expect(JSON.parse(answer.text.slice(0, length))).toMatchObject({ data: { citizen: {} } });
          expect(JSON.parse(answer.text.slice(length))).toEqual({ committed: true });
        } else {
          expect(answer.held).toBeNull();
          expect(answer.headersAfterMs).toBeGreaterThanOrEqual(250);
          expect(JSON.parse(answer.text)).toMatchObject({ data: { citizen: {} } });
        }
      } finally {
        gate = null;
        open();
      }
    }
  });

  it('confirm a failed commit as not committed, and the gateway then answers no data', async () => {
    const token = await system.token({
      role: 'caseworker',
      sub: 'cw-held',
      areas: [...SECTOR_AREAS],
    });
    const cpr = system.dataset.cprAt(5);
    gate = Promise.reject(new Error('disk full'));
    gate.catch(() => {});
    try {
      const res = await system.query(
        `{ citizen(cpr: "${cpr}") { cpr cases { title } employment { contactGroup } } }`,
        undefined,
        token,
      );
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res)).not.toContain('disk full');
      expect(JSON.stringify(res)).not.toContain(cpr);
    } finally {
      gate = null;
    }
  });
});
