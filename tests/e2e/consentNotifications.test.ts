/**
 * Consent notifications survive a crash (README "Consent notifications (webhooks)"): the
 * consent subgraph process, SIGKILLed while its events wait for a receiver that is down,
 * delivers every one of them after a restart once the receiver is back, in order per
 * citizen; with PGlite and with PostgreSQL. No log line of the process holds a CPR.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createAccessContextSigner } from '@hoi/access';
import type { Principal } from '@hoi/domain';
import { closeServer, listen } from '@hoi/platform';
import { createPgliteDatabase, createPostgresDatabase, type SqlDatabase } from '@hoi/storage';
import { type ConsentEventBody, createSqlConsentStore } from '@hoi/subgraph-consent';
import { createScratch } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';
import { startService, stopProcess } from '../helpers/processes.js';
import { postGraphQL } from '../helpers/system.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');
const SECRET = 'notify-e2e-access-context-secret-0123456789';
const WEBHOOK_SECRET = 'notify-e2e-webhook-secret-0123456789abcdef';
const CITIZENS = ['010180-1234', '020280-2345', '030380-3456'];
const caseworker: Principal = { sub: 'cw-e2e', role: 'caseworker', areas: ['EMPLOYMENT'] };

const scratch = createScratch(DATABASE_URL);
afterAll(() => scratch.dispose());

/** One request the receiver got. */
interface Hit {
  readonly key: string | undefined;
  readonly body: ConsentEventBody;
  readonly signed: boolean;
  readonly status: number;
}

/** A receiver on a free port: answers `status()` and records every request. */
async function startReceiver(status: () => number) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      // As a receiver checks it: HMAC-SHA256 of "<t>.<raw body>", compared in constant time.
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-hoi-signature']));
      const expected = m && createHmac('sha256', WEBHOOK_SECRET).update(`${m[1]}.${raw}`).digest();
      const signed = !!m && !!expected && timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
      const hit = {
        key: req.headers['idempotency-key'] as string | undefined,
        body: JSON.parse(raw) as ConsentEventBody,
        signed,
        status: status(),
      };
      hits.push(hit);
      res.writeHead(hit.status).end();
    });
  });
  const url = `${await listen(server, 0)}/consent-events`;
  return {
    url,
    hits,
    accepted: () => hits.filter((h) => h.status < 300),
    close: async () => {
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}

const backends: [
  string,
  () => { env: Record<string, string>; open: () => Promise<SqlDatabase> },
][] = [
  [
    'PGlite',
    () => {
      const dir = scratch.dir('hoi-notify');
      return {
        env: { CONSENT_DATA_DIR: dir, DATABASE_URL: '' },
        open: () => createPgliteDatabase(dir),
      };
    },
  ],
  [
    'PostgreSQL',
    () => {
      const schema = scratch.schema('t_notify_e2e');
      return {
        env: { DATABASE_URL, DATABASE_SCHEMA: schema },
        open: () => createPostgresDatabase(DATABASE_URL, schema),
      };
    },
  ],
];

describe.each(backends)(
  'consent notifications of the consent process on %s',
  (_name, backendOf) => {
    it('delivers every event after a SIGKILL with events pending, once the receiver is back', async () => {
      const { env, open } = backendOf();
      let up = false;
      const receiver = await startReceiver(() => (up ? 200 : 503));
      const logs: string[] = [];
      const start = () =>
        startService(
          'subgraphs/consent/dist/index.js',
          {
            ACCESS_CONTEXT_SECRET: SECRET,
            CONSENT_PORT: '0',
            DATASET_CITIZENS: '1000',
            CONSENT_WEBHOOK_URLS: receiver.url,
            CONSENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
            CONSENT_WEBHOOK_RETRY_BASE_MS: '100',
            CONSENT_WEBHOOK_RETRY_MAX_MS: '1000',
            CONSENT_WEBHOOK_POLL_MS: '200',
            CONSENT_WEBHOOK_TIMEOUT_MS: '2000',
            ...env,
          },
          logs,
        );
      const sign = createAccessContextSigner(SECRET);
      const call = async (url: string, principal: Principal, query: string, cpr: string) => {
        const variables = { cpr };
        const token = await sign(
          { principal, requestId: `notify-${cpr}`, operationName: 'Notify' },
          { query, variables },
        );
        const res = await postGraphQL(url, { query, variables }, { 'x-hoi-access-context': token });
        expect(res.errors).toBeUndefined();
      };
      const give =
        'mutation($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [HEALTH], validUntil: "2099-12-31") { id } }';
      const withdraw = 'mutation($cpr: CPR!) { withdrawConsent(cpr: $cpr) { id } }';

      try {
        const first = await start();
        // Per citizen: GIVEN, then the citizen's own replaces it (WITHDRAWN, GIVEN).
        for (const cpr of CITIZENS) {
          await call(first.url, caseworker, give, cpr);
          await call(first.url, { sub: cpr, role: 'citizen', areas: [] }, give, cpr);
        }
        // Attempts were made and failed: the events are pending when the process dies.
        await vi.waitFor(() => expect(receiver.hits.length).toBeGreaterThan(0), {
          timeout: 10_000,
          interval: 50,
        });
        await stopProcess(first.child, 'SIGKILL');

        const second = await start();
        await call(second.url, caseworker, withdraw, CITIZENS[0]!);
        up = true;
        await vi.waitFor(
          () => expect(new Set(receiver.accepted().map((h) => h.key)).size).toBe(10),
          { timeout: 20_000, interval: 100 },
        );
        // A graceful stop, promptly, with nothing left in flight.
        expect(await stopProcess(second.child, 'SIGTERM')).toBe(0);
      } finally {
        await receiver.close();
      }

      const store = await createSqlConsentStore(await open());
      try {
        const events = await store.outbox!.events();
        expect(events).toHaveLength(10);
        expect(events.map((e) => e.type).sort()).toEqual(
          [...Array(6).fill('GIVEN'), ...Array(4).fill('WITHDRAWN')].sort(),
        );
        for (const cpr of CITIZENS) {
          const ids = events.filter((e) => e.cpr === cpr).map((e) => e.id);
          const arrived = receiver
            .accepted()
            .filter((h) => h.body.citizen.cpr === cpr)
            .map((h) => h.body.id);
          // In order; a duplicate (an attempt cut short by the kill) repeats, never jumps ahead.
          expect([...new Set(arrived)]).toEqual(ids);
        }
        for (const hit of receiver.hits) {
          expect(hit.signed).toBe(true);
          expect(hit.key).toBe(hit.body.id);
        }
        expect((await store.outbox!.deliveries()).every((d) => d.state === 'DELIVERED')).toBe(true);
      } finally {
        await store.close();
      }
      const text = logs.join('');
      expect(text).toContain('consent webhook receiver failing');
      expect(text).not.toMatch(/\b\d{6}-?\d{4}\b/);
      for (const cpr of CITIZENS) expect(text).not.toContain(cpr.slice(0, 6));
    }, 90_000);
  },
);
