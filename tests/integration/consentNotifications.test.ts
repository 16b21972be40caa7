/**
 * Consent notifications (README "Consent notifications (webhooks)"): the consent subgraph's
 * writes and expiry scheduler record events in the outbox, and the dispatcher POSTs them to
 * a real HTTP receiver on a free port, signed, at least once, in order per citizen; on
 * PGlite and on PostgreSQL (two instances sharing one schema where it matters).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createAccessContextSigner } from '@hoi/access';
import type { ConsentRecord, Principal } from '@hoi/domain';
import { closeServer, createLogger, createMetrics, listen, type Metrics } from '@hoi/platform';
import type { ConsentSource } from '@hoi/sources';
import type { SqlDatabase } from '@hoi/storage';
import {
  composeConsent,
  type ConsentEventBody,
  type ConsentService,
  type ConsentStore,
  createExpiryScheduler,
  createNotificationMetrics,
  createSqlConsentStore,
  loadConsentConfig,
  verifyWebhookSignature,
} from '@hoi/subgraph-consent';
import { createTestDatabase, throwawaySchema, type ThrowawaySchema } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';
import { postGraphQL } from '../helpers/system.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');
const ACCESS_SECRET = 'notify-test-access-context-secret-0123456789';
const WEBHOOK_SECRET = 'notify-test-webhook-secret-0123456789abcdef';
const A = '010180-1234';
const B = '020280-2345';
const C = '030380-3456';
const CPR_LIKE = /\b\d{6}-?\d{4}\b/;

const caseworker: Principal = {
  sub: 'cw-1',
  role: 'caseworker',
  areas: ['EMPLOYMENT'],
  org: 'Jobcenter Nord',
};
const citizen = (cpr: string): Principal => ({ sub: cpr, role: 'citizen', areas: [] });

/** One request the receiver got, and how it answered. */
interface Hit {
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: ConsentEventBody;
  /** Checked as a receiver would: HMAC of "<t>.<raw body>", recent t, timing-safe compare. */
  readonly signatureValid: boolean;
  status: number | 'hang';
}

/** What the receiver answers a hit: a status, or 'hang' (never answers). */
type Answer = (hit: Hit) => number | 'hang';

/** A webhook receiver on a free port of its own. */
interface Receiver {
  /** Its URL, with a query string the metrics must never show. */
  readonly url: string;
  readonly hits: Hit[];
  answer: Answer;
  /** The hits answered 2xx, in arrival order. */
  accepted(): Hit[];
  /** Stops listening: connections are refused until `up`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** The receiver side of the signature check, as the README shows it. */
function signatureValid(raw: string, header: string | undefined): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  if (Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const expected = createHmac('sha256', WEBHOOK_SECRET).update(`${m[1]}.${raw}`).digest();
  const given = Buffer.from(m[2] as string, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const receivers: Receiver[] = [];

async function startReceiver(answer: Answer = () => 200): Promise<Receiver> {
  const hits: Hit[] = [];
  const handle = (server: Server) =>
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const hit: Hit = {
          headers: req.headers,
          raw,
          body: JSON.parse(raw) as ConsentEventBody,
          signatureValid: signatureValid(raw, req.headers['x-hoi-signature'] as string),
          status: 200,
        };
        hit.status = receiver.answer(hit);
        hits.push(hit);
        if (hit.status !== 'hang') res.writeHead(hit.status).end();
      });
    });
  let server = handle(createServer());
  const base = await listen(server, 0);
  const port = Number(new URL(base).port);
  const receiver: Receiver = {
    url: `${base}/hooks/consent?token=s3cret-query`,
    hits,
    answer,
    accepted: () =>
      hits.filter((h) => typeof h.status === 'number' && h.status >= 200 && h.status < 300),
    async down() {
      server.closeAllConnections();
      await closeServer(server);
    },
    async up() {
      server = handle(createServer());
      await listen(server, port);
    },
    async close() {
      server.closeAllConnections();
      if (server.listening) await closeServer(server);
    },
  };
  receivers.push(receiver);
  return receiver;
}

/** Log lines of the consent instances (checked for CPRs). */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});

const emptyRegister: ConsentSource = {
  name: 'consent-register',
  fetchMany: async (cprs) => cprs.map(() => []),
};

interface Instance {
  readonly service: ConsentService;
  readonly store: ConsentStore;
  readonly metrics: Metrics;
  readonly url: string;
  call(
    principal: Principal,
    query: string,
    variables: Record<string, unknown>,
  ): ReturnType<typeof postGraphQL>;
  give(principal: Principal, cpr: string, validUntil?: string): Promise<{ id: string }>;
  withdraw(principal: Principal, cpr: string): ReturnType<typeof postGraphQL>;
  /** Closes the service (not its store): what SIGTERM does. */
  closeService(): Promise<void>;
  /** Closes the service and its store. */
  stop(): Promise<void>;
}

const instances: Instance[] = [];

/** A consent subgraph on `db` (its store closes the database), listening on a free port. */
async function startInstance(
  db: SqlDatabase,
  receiverUrls: readonly string[],
  options: { env?: Record<string, string>; clock?: () => Date } = {},
): Promise<Instance> {
  const store = await createSqlConsentStore(db);
  const metrics = createMetrics('consent', { defaults: false });
  const config = loadConsentConfig({
    ACCESS_CONTEXT_SECRET: ACCESS_SECRET,
    CONSENT_WEBHOOK_URLS: receiverUrls.join(','),
    CONSENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    CONSENT_WEBHOOK_TIMEOUT_MS: '1000',
    CONSENT_WEBHOOK_RETRY_BASE_MS: '50',
    CONSENT_WEBHOOK_RETRY_MAX_MS: '400',
    CONSENT_WEBHOOK_POLL_MS: '100',
    // Ticks are run by the tests (the scheduler still runs once at start).
    CONSENT_NOTIFY_TICK_MS: '3600000',
    ...options.env,
  });
  const service = await composeConsent(config, {
    logger: createLogger('consent', { level: 'debug', destination: logSink }),
    metrics,
    cache: null,
    source: emptyRegister,
    store,
    clock: options.clock,
    screeningTrail: async () => ({ entries: [], totalCount: 0 }),
  });
  const url = `${await listen(service.http, 0)}/graphql`;
  const sign = createAccessContextSigner(ACCESS_SECRET);
  const call: Instance['call'] = async (principal, query, variables) => {
    const context = { principal, requestId: randomUUID(), operationName: 'Notify' };
    const token = await sign(context, { query, variables });
    return postGraphQL(url, { query, variables }, { 'x-hoi-access-context': token });
  };
  let serviceClosed = false;
  let storeClosed = false;
  const instance: Instance = {
    service,
    store,
    metrics,
    url,
    call,
    async give(principal, cpr, validUntil = '2099-12-31') {
      const res = await call(
        principal,
        'mutation($cpr: CPR!, $v: Date!) { giveConsent(cpr: $cpr, areas: [HEALTH], validUntil: $v) { id status } }',
        { cpr, v: validUntil },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.giveConsent as { id: string };
    },
    withdraw: (principal, cpr) =>
      call(principal, 'mutation($cpr: CPR!) { withdrawConsent(cpr: $cpr) { id status } }', {
        cpr,
      }),
    async closeService() {
      if (serviceClosed) return;
      serviceClosed = true;
      await closeServer(service.http);
      await service.close();
    },
    async stop() {
      await instance.closeService();
      if (storeClosed) return;
      storeClosed = true;
      await store.close();
    },
  };
  instances.push(instance);
  return instance;
}

/** A database per test: PGlite in memory, or a PostgreSQL schema opened as often as asked. */
interface Backend {
  readonly name: string;
  open(): Promise<SqlDatabase>;
  /** True when two `open`s are two instances on one database (PostgreSQL). */
  readonly shared: boolean;
}

const schemas: ThrowawaySchema[] = [];

function pglite(): Backend {
  const db = createTestDatabase();
  // One in-memory database: a second "open" is the same database (as one process has it).
  let opened = 0;
  return {
    name: 'PGlite',
    shared: false,
    async open() {
      const d = await db;
      return opened++ === 0 ? d : { ...d, close: async () => {} };
    },
  };
}

function postgres(): Backend {
  const schema = throwawaySchema(DATABASE_URL, 't_notify');
  schemas.push(schema);
  return { name: 'PostgreSQL', shared: true, open: () => schema.open() };
}

const BACKENDS: readonly [string, () => Backend][] = [
  ['PGlite', pglite],
  ['PostgreSQL', postgres],
];

/** Waits (without spinning) until `check` passes. */
const eventually = (check: () => void | Promise<void>, timeout = 10_000) =>
  vi.waitFor(check, { timeout, interval: 50 });

/** The counter's value for `outcome`, summed over receivers. */
async function deliveries(metrics: Metrics, outcome: string): Promise<number> {
  const metric = metrics.registry.getSingleMetric('hoi_consent_webhook_deliveries_total');
  const values = (await metric?.get())?.values ?? [];
  return values.filter((v) => v.labels.outcome === outcome).reduce((n, v) => n + v.value, 0);
}

afterEach(async () => {
  // Instances stop before the receivers (no attempt is left hanging on a closed receiver).
  for (const instance of instances.splice(0).reverse()) await instance.stop();
  for (const receiver of receivers.splice(0)) await receiver.close();
});

afterAll(async () => {
  for (const schema of schemas) await schema.dispose();
  expect(logLines.length).toBeGreaterThan(0);
  for (const line of logLines) expect(line).not.toMatch(CPR_LIKE);
});

describe.each(BACKENDS)('consent notifications on %s', (_name, backendOf) => {
  it('delivers GIVEN and WITHDRAWN events of every write, signed, with the documented body', async () => {
    const receiver = await startReceiver();
    const consent = await startInstance(await backendOf().open(), [receiver.url]);
    const first = await consent.give(caseworker, A);
    // The citizen replaces it (WITHDRAWN, then GIVEN), then withdraws; a second withdrawal
    // withdraws nothing and emits nothing.
    const second = await consent.give(citizen(A), A);
    expect((await consent.withdraw(citizen(A), A)).errors).toBeUndefined();
    expect((await consent.withdraw(caseworker, A)).errors).toBeUndefined();

    await eventually(() => expect(receiver.accepted()).toHaveLength(4));
    const hits = receiver.accepted();
    expect(hits.map((h) => [h.body.type, h.body.consent.id, h.body.consent.status])).toEqual([
      ['GIVEN', first.id, 'ACTIVE'],
      ['WITHDRAWN', first.id, 'WITHDRAWN'],
      ['GIVEN', second.id, 'ACTIVE'],
      ['WITHDRAWN', second.id, 'WITHDRAWN'],
    ]);
    for (const hit of hits) {
      expect(hit.signatureValid).toBe(true);
      expect(
        verifyWebhookSignature(WEBHOOK_SECRET, hit.raw, hit.headers['x-hoi-signature'] as string),
      ).toBe(true);
      expect(
        verifyWebhookSignature(
          'another-secret-another-secret-0123',
          hit.raw,
          hit.headers['x-hoi-signature'] as string,
        ),
      ).toBe(false);
      expect(hit.headers['content-type']).toBe('application/json');
      expect(hit.headers['idempotency-key']).toBe(hit.body.id);
      expect(Object.keys(hit.body)).toEqual(['id', 'type', 'occurredAt', 'citizen', 'consent']);
      expect(hit.body.citizen).toEqual({ cpr: A });
      expect(Object.keys(hit.body.consent).sort()).toEqual(
        [
          'areas',
          'channel',
          'givenAt',
          'givenBy',
          'id',
          'status',
          'validUntil',
          'withdrawnAt',
          'withdrawnBy',
        ].sort(),
      );
    }
    expect(hits[0]!.body.consent).toMatchObject({
      areas: ['HEALTH'],
      validUntil: '2099-12-31',
      withdrawnAt: null,
      channel: 'RECORDED_BY_CASEWORKER',
      givenBy: { role: 'caseworker', unit: 'Jobcenter Nord' },
      withdrawnBy: null,
    });
    // The replacement: withdrawn by the citizen at the instant the new one was given.
    expect(hits[1]!.body.consent.withdrawnBy).toEqual({ role: 'citizen', unit: null });
    expect(hits[1]!.body.occurredAt).toBe(hits[2]!.body.consent.givenAt);
    expect(hits[2]!.body.consent).toMatchObject({
      channel: 'SELF_SERVICE',
      givenBy: { role: 'citizen', unit: null },
    });

    const outbox = consent.store.outbox!;
    expect((await outbox.events()).map((e) => e.id)).toEqual(hits.map((h) => h.body.id));
    // The receiver has the last hit a moment before the dispatcher records its outcome.
    await eventually(async () => {
      expect((await outbox.deliveries()).map((d) => [d.state, d.attempts])).toEqual(
        Array(4).fill(['DELIVERED', 1]),
      );
      expect(await deliveries(consent.metrics, 'delivered')).toBe(4);
    });
    await eventually(async () => {
      const text = await consent.metrics.registry.metrics();
      expect(text).toMatch(/hoi_consent_webhook_pending\{[^}]*receiver="0"[^}]*\} 0/);
    });
    const text = await consent.metrics.registry.metrics();
    expect(text).toContain(`host="${new URL(receiver.url).host}"`);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('/hooks');
    expect(text).not.toMatch(CPR_LIKE);
  });

  it('keeps a citizen’s order while the receiver fails that citizen’s first event; others go on', async () => {
    const receiver = await startReceiver();
    // A's events fail until both of B's are delivered: B must not wait for A.
    receiver.answer = (hit) =>
      hit.body.citizen.cpr === A &&
      receiver.accepted().filter((h) => h.body.citizen.cpr === B).length < 2
        ? 503
        : 200;
    const consent = await startInstance(await backendOf().open(), [receiver.url]);
    await consent.give(caseworker, A);
    await consent.withdraw(caseworker, A);
    await consent.give(caseworker, A);
    await consent.give(caseworker, B);
    await consent.withdraw(caseworker, B);

    await eventually(() => expect(receiver.accepted()).toHaveLength(5));
    const events = await consent.store.outbox!.events();
    const idsOf = (cpr: string) => events.filter((e) => e.cpr === cpr).map((e) => e.id);
    const accepted = receiver.accepted();
    // Each citizen's events arrive in the order they happened...
    expect(accepted.filter((h) => h.body.citizen.cpr === A).map((h) => h.body.id)).toEqual(
      idsOf(A),
    );
    expect(accepted.filter((h) => h.body.citizen.cpr === B).map((h) => h.body.id)).toEqual(
      idsOf(B),
    );
    // ...and while A's first failed, none of A's later ones was even tried.
    const triedForA = receiver.hits.filter((h) => h.body.citizen.cpr === A).map((h) => h.body.id);
    expect(triedForA.filter((id) => id === idsOf(A)[0]).length).toBeGreaterThan(1);
    expect(triedForA.indexOf(idsOf(A)[1]!)).toBeGreaterThan(triedForA.lastIndexOf(idsOf(A)[0]!));
    const cprs = accepted.map((h) => h.body.citizen.cpr);
    expect(cprs.indexOf(A)).toBeGreaterThan(cprs.lastIndexOf(B));
    expect(await deliveries(consent.metrics, 'failed_attempt')).toBeGreaterThan(0);
  });

  it('sends a duplicate only with the same idempotency key and body (failed answers, timeouts)', async () => {
    const receiver = await startReceiver();
    const seen = new Map<string, number>();
    // The first try of every event "fails" after the receiver got it: an error status, or
    // no answer before the sender's timeout.
    receiver.answer = (hit) => {
      const n = (seen.get(hit.body.id) ?? 0) + 1;
      seen.set(hit.body.id, n);
      if (n > 1) return 200;
      return hit.body.type === 'WITHDRAWN' ? 'hang' : 500;
    };
    const consent = await startInstance(await backendOf().open(), [receiver.url], {
      env: { CONSENT_WEBHOOK_TIMEOUT_MS: '300' },
    });
    await consent.give(caseworker, A);
    await consent.give(caseworker, A);
    await consent.give(caseworker, B);

    await eventually(() => expect(receiver.accepted()).toHaveLength(4));
    const byKey = new Map<string, Hit[]>();
    for (const hit of receiver.hits) {
      const key = hit.headers['idempotency-key'] as string;
      byKey.set(key, [...(byKey.get(key) ?? []), hit]);
    }
    expect([...byKey.keys()].sort()).toEqual(
      (await consent.store.outbox!.events()).map((e) => e.id).sort(),
    );
    for (const [key, hits] of byKey) {
      expect(hits.length).toBe(2);
      for (const hit of hits) {
        expect(hit.body.id).toBe(key);
        expect(hit.raw).toBe(hits[0]!.raw);
        expect(hit.signatureValid).toBe(true);
      }
    }
  });

  it('emits nothing for a write that rolls back', async () => {
    const receiver = await startReceiver();
    const consent = await startInstance(await backendOf().open(), [receiver.url]);
    const given = await consent.give(caseworker, A);
    await eventually(() => expect(receiver.accepted()).toHaveLength(1));
    const outbox = consent.store.outbox!;
    const before = await outbox.events();

    // A refused write (no consent to withdraw) and a write that fails after its events were
    // appended (an id owned by another citizen): neither leaves an event.
    expect((await consent.withdraw(caseworker, B)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const stolen: ConsentRecord = {
      id: given.id,
      cpr: B,
      status: 'ACTIVE',
      areas: ['HEALTH'],
      givenAt: new Date().toISOString(),
      validUntil: '2099-12-31',
      withdrawnAt: null,
      channel: 'RECORDED_BY_CASEWORKER',
      givenBy: { role: 'caseworker', unit: null },
      withdrawnBy: null,
    };
    await expect(
      consent.store.update(B, [], () => ({
        upserts: [stolen],
        result: null,
        events: [
          { type: 'GIVEN', consent: { ...stolen, id: 'fresh-id' }, occurredAt: stolen.givenAt },
        ],
      })),
    ).rejects.toThrow(/already used by another citizen/);

    consent.service.notifications!.dispatcher!.kick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await outbox.events()).toEqual(before);
    expect(receiver.hits).toHaveLength(1);
  });

  it('records exactly one EXPIRING and one EXPIRED per consent, however many schedulers tick', async () => {
    const backend = backendOf();
    const receiver = await startReceiver();
    let now = new Date('2030-06-01T10:00:00Z');
    const clock = () => now;
    const first = await startInstance(await backend.open(), [receiver.url], { clock });
    // A second scheduler on the same database (on PostgreSQL: another pool, as another instance).
    const other = backend.shared
      ? (await startInstance(await backend.open(), [], { clock })).service.notifications!.scheduler
      : createExpiryScheduler({
          outbox: first.store.outbox!,
          clock,
          expiringDays: 14,
          metrics: createNotificationMetrics(createMetrics('other', { defaults: false })),
          logger: createLogger('other', { level: 'silent' }),
        });
    const schedulers = [first.service.notifications!.scheduler, other];
    const tickAll = async () => {
      const counts = await Promise.all([...schedulers, ...schedulers].map((s) => s.tick()));
      return counts.reduce((a, b) => a + b, 0);
    };

    await first.give(caseworker, A, '2030-06-30');
    await first.give(caseworker, B, '2030-06-30');
    await first.withdraw(caseworker, B);
    // Given inside the notice: about to expire from the moment it exists.
    await first.give(caseworker, C, '2030-06-10');
    expect(await tickAll()).toBe(1); // C's EXPIRING

    // C expires at the end of 10 June in Copenhagen (22:00 UTC in summer time).
    now = new Date('2030-06-10T21:59:59.999Z');
    expect(await tickAll()).toBe(0);
    now = new Date('2030-06-10T22:00:00.000Z');
    expect(await tickAll()).toBe(1);
    // A's notice: 14 days before 30 June, from the start of 16 June in Copenhagen.
    now = new Date('2030-06-15T21:59:59.999Z');
    expect(await tickAll()).toBe(0);
    now = new Date('2030-06-15T22:00:00.000Z');
    expect(await tickAll()).toBe(1);
    expect(await tickAll()).toBe(0);
    now = new Date('2030-06-30T21:59:59.999Z');
    expect(await tickAll()).toBe(0);
    now = new Date('2030-06-30T22:00:00.000Z');
    expect(await tickAll()).toBe(1);
    // A scheduler started later (a restart) finds nothing left to do.
    now = new Date('2030-09-01T10:00:00Z');
    expect(
      await createExpiryScheduler({
        outbox: first.store.outbox!,
        clock,
        expiringDays: 14,
        metrics: createNotificationMetrics(createMetrics('later', { defaults: false })),
        logger: createLogger('later', { level: 'silent' }),
      }).tick(),
    ).toBe(0);

    await eventually(() => expect(receiver.accepted()).toHaveLength(8));
    const seen = receiver
      .accepted()
      .map((h) => [h.body.citizen.cpr, h.body.type, h.body.occurredAt, h.body.consent.status]);
    expect(seen.filter(([cpr]) => cpr === A)).toEqual([
      [A, 'GIVEN', expect.any(String), 'ACTIVE'],
      [A, 'EXPIRING', '2030-06-15T22:00:00.000Z', 'ACTIVE'],
      [A, 'EXPIRED', '2030-06-30T22:00:00.000Z', 'EXPIRED'],
    ]);
    expect(seen.filter(([cpr]) => cpr === B).map(([, type]) => type)).toEqual([
      'GIVEN',
      'WITHDRAWN',
    ]);
    expect(seen.filter(([cpr]) => cpr === C)).toEqual([
      [C, 'GIVEN', expect.any(String), 'ACTIVE'],
      [C, 'EXPIRING', (await first.store.historyMany([C])).get(C)![0]!.givenAt, 'ACTIVE'],
      [C, 'EXPIRED', '2030-06-10T22:00:00.000Z', 'EXPIRED'],
    ]);
    expect(new Set(receiver.accepted().map((h) => h.body.id)).size).toBe(8);
  });

  it('closes promptly with an attempt in flight, and the next start delivers it', async () => {
    const backend = backendOf();
    const receiver = await startReceiver(() => 'hang');
    const env = { CONSENT_WEBHOOK_TIMEOUT_MS: '20000' };
    const first = await startInstance(await backend.open(), [receiver.url], { env });
    await first.give(caseworker, A);
    await eventually(() => expect(receiver.hits).toHaveLength(1));
    const started = Date.now();
    await first.closeService();
    expect(Date.now() - started).toBeLessThan(2000);
    const [row] = await first.store.outbox!.deliveries();
    expect(row).toMatchObject({ state: 'PENDING', attempts: 0 });

    // The lease was given back: a restarted instance sends at once, not after the lease.
    receiver.answer = () => 200;
    const second = await startInstance(await backend.open(), [receiver.url], { env });
    await eventually(() => expect(receiver.accepted()).toHaveLength(1), 3000);
    expect(receiver.accepted()[0]!.body.id).toBe(receiver.hits[0]!.body.id);
    expect((await second.store.outbox!.deliveries())[0]).toMatchObject({ state: 'DELIVERED' });
  });
});

describe('consent notifications with the receiver down for 30 s', () => {
  it('delivers every event once it is back, from two instances on one PostgreSQL, in order per citizen', async () => {
    const backend = postgres();
    const receiver = await startReceiver();
    const env = {
      CONSENT_WEBHOOK_RETRY_BASE_MS: '200',
      CONSENT_WEBHOOK_RETRY_MAX_MS: '2000',
      CONSENT_WEBHOOK_POLL_MS: '250',
    };
    const one = await startInstance(await backend.open(), [receiver.url], { env });
    const two = await startInstance(await backend.open(), [receiver.url], { env });
    await receiver.down();
    const citizens = [A, B, C, '040480-4567'];
    for (const [i, cpr] of citizens.entries()) {
      const [x, y] = i % 2 === 0 ? [one, two] : [two, one];
      await x.give(caseworker, cpr);
      await y.withdraw(citizen(cpr), cpr);
      await x.give(citizen(cpr), cpr);
    }
    // 15 s refusing connections, then 15 s answering 503.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    receiver.answer = () => 503;
    await receiver.up();
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    expect(receiver.accepted()).toHaveLength(0);
    expect(receiver.hits.length).toBeGreaterThan(0);
    receiver.answer = () => 200;

    await eventually(
      () => expect(new Set(receiver.accepted().map((h) => h.body.id)).size).toBe(12),
      15_000,
    );
    const events = await one.store.outbox!.events();
    expect(events).toHaveLength(12);
    for (const cpr of citizens) {
      const ids = events.filter((e) => e.cpr === cpr).map((e) => e.id);
      const arrived = receiver
        .accepted()
        .filter((h) => h.body.citizen.cpr === cpr)
        .map((h) => h.body.id);
      // Duplicates, if any, repeat an event already delivered, never jump ahead.
      expect([...new Set(arrived)]).toEqual(ids);
    }
    for (const hit of receiver.hits) {
      expect(hit.signatureValid).toBe(true);
      expect(hit.headers['idempotency-key']).toBe(hit.body.id);
    }
    const failed =
      (await deliveries(one.metrics, 'failed_attempt')) +
      (await deliveries(two.metrics, 'failed_attempt'));
    expect(failed).toBeGreaterThan(0);
    expect((await one.store.outbox!.deliveries()).every((d) => d.state === 'DELIVERED')).toBe(true);
  }, 90_000);
});

describe('consent notification settings', () => {
  it('refuse receivers without a secret of at least 32 characters, and bad URLs, without echoing them', () => {
    const load = (env: Record<string, string>) => () =>
      loadConsentConfig({ ACCESS_CONTEXT_SECRET: ACCESS_SECRET, ...env });
    expect(load({ CONSENT_WEBHOOK_URLS: 'http://127.0.0.1:9/hook' })).toThrow(
      /CONSENT_WEBHOOK_SECRET must be set/,
    );
    expect(
      load({ CONSENT_WEBHOOK_URLS: 'http://127.0.0.1:9/hook', CONSENT_WEBHOOK_SECRET: 'short' }),
    ).toThrow(/CONSENT_WEBHOOK_SECRET must be at least 32 characters/);
    expect(
      load({
        CONSENT_WEBHOOK_URLS: 'http://ok/h, ftp://x/?token=abc',
        CONSENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      }),
    ).toThrow(/CONSENT_WEBHOOK_URLS entry 2 must be an absolute http\(s\) URL/);
    const message = (() => {
      try {
        load({
          CONSENT_WEBHOOK_URLS: 'ftp://x/?token=abc',
          CONSENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
        })();
        return '';
      } catch (error) {
        return String(error);
      }
    })();
    expect(message).toContain('CONSENT_WEBHOOK_URLS entry 1');
    expect(message).not.toContain('token=abc');
    const config = load({})();
    expect(config.notifications).toMatchObject({
      webhookUrls: [],
      expiringDays: 14,
      notifyTickMs: 60_000,
      webhookRetryBaseMs: 1000,
      webhookRetryMaxMs: 60_000,
      webhookMaxAttempts: 0,
    });
  });
});
