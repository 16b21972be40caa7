/**
 * The playground's preloaded tabs and development tokens (issue 15): one tab per example
 * operation of the client kit, prefilled for a sample citizen of the running configuration's
 * dataset; a fresh, short-lived token per role only for a browser on this machine in
 * development; never a token in production or for a client off the machine.
 */
import { IncomingMessage, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { decodeJwt, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDevTokenMinter,
  createPlaygroundHandler,
  findPlaygroundSample,
  isLoopbackRequest,
  loadGatewayConfig,
  PLAYGROUND_CSP,
  PLAYGROUND_ORG,
  playgroundTabs,
  readClientOperations,
  TAB_ORDER,
  type PlaygroundConfig,
} from '@hoi/gateway';

const SECRET = 'playground-test-secret-0123456789abcdef';
const ISSUER = 'hoi-gateway-dev';
const AUDIENCE = 'hoi-gateway';
/** The integration tests' dataset (seed 7, 50 citizens); no demo plans. */
const SAMPLE: PlaygroundConfig = {
  sampleCpr: undefined,
  dataset: { seed: 7, citizens: 50, referenceDate: '2026-11-29' },
  demoPlanCitizens: 0,
};
const NOW = new Date('2026-11-29T12:00:00Z');
/** A citizen of that dataset with a demo plan (index 10). */
const PLAN_HOLDER = '840480-9407';

/** A request as the handler sees it, from `address`, with `headers`. */
function request(address: string, headers: Record<string, string>): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: address });
  const req = new IncomingMessage(socket);
  req.headers = headers;
  return req;
}

/** Serves one page to `req` and returns the answer. */
async function serve(
  handler: ReturnType<typeof createPlaygroundHandler>,
  req: IncomingMessage,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  let status = 0;
  let headers: Record<string, unknown> = {};
  let body = '';
  const res = {
    writeHead(s: number, h: Record<string, unknown>) {
      status = s;
      headers = h;
      return this;
    },
    end(b?: Buffer | string) {
      body = b === undefined ? '' : b.toString();
    },
  };
  await handler(req, res as unknown as ServerResponse);
  return { status, headers, body };
}

interface PageOptions {
  defaultTabs: { query: string; variables: string; headers: string }[];
  headers: string;
  shouldPersistHeaders: boolean;
}

/** The GraphiQL options the page renders with. */
function optionsOf(page: string): PageOptions {
  const m =
    /renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*\}),\s*\);/.exec(
      page,
    );
  if (!m?.[1]) throw new Error('no GraphiQL options in the page');
  return JSON.parse(m[1]) as PageOptions;
}

const tabName = (query: string) => /^(?:query|mutation) (\w+)/m.exec(query)?.[1];
const LOOPBACK = { host: '127.0.0.1:4000', accept: 'text/html' };

describe('createPlaygroundHandler', () => {
  const minter = createDevTokenMinter({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE });
  const handler = createPlaygroundHandler({ sample: SAMPLE, devTokens: minter, clock: () => NOW });
  let page: string;
  let options: PageOptions;

  beforeAll(async () => {
    const answer = await serve(handler, request('127.0.0.1', LOOPBACK));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-security-policy']).toBe(PLAYGROUND_CSP);
    expect(answer.headers['cache-control']).toBe('no-store');
    page = answer.body;
    options = optionsOf(page);
  }, 30_000);

  it('opens with one tab per client kit operation, the most useful first', () => {
    const names = options.defaultTabs.map((t) => tabName(t.query));
    const kit = readClientOperations().map((o) => o.name);
    expect(names.slice(0, 9)).toEqual(TAB_ORDER.slice(0, 9));
    expect([...names].sort()).toEqual([...kit].sort());
    expect(options.shouldPersistHeaders).toBe(false);
    expect(page.includes("localStorage.removeItem('graphiql:tabState')")).toBe(true);
  });

  it("prefills the sample citizen's CPR", () => {
    const first = options.defaultTabs[0];
    expect(JSON.parse(first?.variables ?? '{}')).toEqual({ cpr: '750202-6650' });
    expect(first?.query).toContain('750202-6650');
  });

  it('puts a fresh one-hour token for the role of each tab into its headers', async () => {
    const roleOf = async (name: string) => {
      const tab = options.defaultTabs.find((t) => tabName(t.query) === name);
      const headers = JSON.parse(tab?.headers ?? '{}') as { Authorization?: string };
      const token = /^Bearer (.+)$/.exec(headers.Authorization ?? '')?.[1] ?? '';
      const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), {
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3_600);
      expect(payload.org).toBe(PLAYGROUND_ORG);
      return { role: payload.role, sub: payload.sub, areas: payload.areas };
    };
    expect(await roleOf('CitizenOverview')).toMatchObject({
      role: 'caseworker',
      areas: ['EMPLOYMENT', 'SOCIAL_ADULT', 'CHILDREN_FAMILY', 'HEALTH', 'EDUCATION', 'ADDICTION'],
    });
    expect(await roleOf('MyOverview')).toMatchObject({ role: 'citizen', sub: '750202-6650' });
    expect(await roleOf('Screening')).toMatchObject({ role: 'screener' });
    expect(await roleOf('CitizenAccessLog')).toMatchObject({ role: 'auditor' });
    // A new tab gets the caseworker's.
    expect(decodeJwt(options.headers.replace(/[\s\S]*Bearer ([^"]+)[\s\S]*/, '$1')).role).toBe(
      'caseworker',
    );
  });

  it('mints new tokens for every page', async () => {
    const again = optionsOf(
      (await serve(handler, request('::1', { host: 'localhost:4000' }))).body,
    );
    expect(again.defaultTabs[0]?.headers).toContain('Bearer ');
    expect(again.defaultTabs[0]?.headers).not.toBe(options.defaultTabs[0]?.headers);
  });

  it.each([
    ['a LAN client', '192.168.1.20', LOOPBACK],
    ['a loopback peer behind a proxy', '127.0.0.1', { ...LOOPBACK, 'x-forwarded-for': '10.0.0.9' }],
    ['a page of another name (DNS rebinding)', '127.0.0.1', { host: 'evil.example:4000' }],
  ])('embeds no token for %s', async (_case, address, headers) => {
    const answer = await serve(handler, request(address, headers));
    expect(answer.status).toBe(200);
    const other = optionsOf(answer.body);
    expect(JSON.stringify(other)).not.toMatch(/eyJ/);
    expect(other.defaultTabs.every((t) => t.headers === '')).toBe(true);
    expect(other.defaultTabs[0]?.query).toContain('npm run --silent token');
    // Still the same tabs and sample.
    expect(other.defaultTabs.map((t) => t.variables)).toEqual(
      options.defaultTabs.map((t) => t.variables),
    );
  });
});

describe('createPlaygroundHandler in production', () => {
  it('refuses a token minter', () => {
    const devTokens = createDevTokenMinter({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE });
    expect(() => createPlaygroundHandler({ production: true, devTokens })).toThrow(
      /never embeds development tokens in production/,
    );
  });

  it('has no dataset sample and gives even a loopback client no token', async () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://idp.example.dk/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example.dk',
      AUTH_AUDIENCE: 'hoi-gateway',
      ACCESS_CONTEXT_SECRET: 'x'.repeat(40),
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      CACHE_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      CACHE_HMAC_KEY: Buffer.alloc(32, 2).toString('base64'),
      DATASET_SEED: '7',
    });
    expect(config.auth.mode).toBe('production');
    expect(config.playground.dataset).toBeNull();
    const handler = createPlaygroundHandler({ production: true, sample: config.playground });
    const answer = await serve(handler, request('127.0.0.1', LOOPBACK));
    expect(answer.status).toBe(200);
    const options = optionsOf(answer.body);
    expect(JSON.stringify(options)).not.toMatch(/eyJ/);
    expect(options.defaultTabs.every((t) => t.headers === '')).toBe(true);
    expect(JSON.parse(options.defaultTabs[0]?.variables ?? '{}')).toEqual({ cpr: 'DDMMYY-SSSS' });
  }, 30_000);
});

describe('findPlaygroundSample', () => {
  it('picks the citizen with data in the most areas among the first ones, deterministically', async () => {
    const sample = await findPlaygroundSample(SAMPLE);
    expect(sample).toMatchObject({
      cpr: '750202-6650',
      areas: ['EMPLOYMENT', 'SOCIAL_ADULT', 'CHILDREN_FAMILY', 'HEALTH', 'EDUCATION'],
      plan: null,
    });
    expect(await findPlaygroundSample(SAMPLE)).toEqual(sample);
  });

  it("knows a configured citizen's areas and demo plan, where the plan subgraph seeds one", async () => {
    const planned = { ...SAMPLE, sampleCpr: PLAN_HOLDER };
    const sample = await findPlaygroundSample({ ...planned, demoPlanCitizens: 20_000 });
    expect(sample?.cpr).toBe(PLAN_HOLDER);
    expect(sample?.areas.length).toBeGreaterThanOrEqual(4);
    expect(sample?.plan?.cpr).toBe(PLAN_HOLDER);
    expect((await findPlaygroundSample(planned))?.plan).toBeNull();
  });

  it('takes PLAYGROUND_SAMPLE_CPR when set, and nothing in production without it', async () => {
    expect(
      (await findPlaygroundSample({ ...SAMPLE, dataset: null, sampleCpr: '010170-1234' }))?.cpr,
    ).toBe('010170-1234');
    expect(await findPlaygroundSample({ ...SAMPLE, dataset: null })).toBeNull();
  });
});

describe('playgroundTabs', () => {
  it('prefills plan mutations from the demo plan and gives each its role', async () => {
    const sample = await findPlaygroundSample({
      ...SAMPLE,
      sampleCpr: PLAN_HOLDER,
      demoPlanCitizens: 20_000,
    });
    expect(sample?.plan).not.toBeNull();
    const tabs = playgroundTabs(readClientOperations(), sample, '2026-11-29');
    const tab = (name: string) => tabs.find((t) => t.name === name);
    expect(JSON.parse(tab('AddSubGoal')?.variables ?? '{}')).toMatchObject({
      planId: sample?.plan?.id,
      expectedVersion: sample?.plan?.version,
      targetDate: '2027-02-27',
    });
    expect(JSON.parse(tab('GiveConsent')?.variables ?? '{}')).toMatchObject({
      cpr: sample?.cpr,
      validUntil: '2027-11-29',
    });
    expect(tab('CommentOnAgreement')?.role).toBe('citizen');
    expect(tab('HoiPlan')?.role).toBe('caseworker');
  });
});

describe('isLoopbackRequest', () => {
  it.each([
    ['127.0.0.1', { host: '127.0.0.1:4000' }, true],
    ['::1', { host: '[::1]:4000' }, true],
    ['::ffff:127.0.0.1', { host: 'localhost' }, true],
    ['10.0.0.5', { host: '127.0.0.1:4000' }, false],
    ['127.0.0.1', { host: '192.168.1.2:4000' }, false],
    ['127.0.0.1', { host: 'localhost:4000', forwarded: 'for=10.0.0.9' }, false],
    ['127.0.0.1', { host: 'localhost:4000', 'x-real-ip': '10.0.0.9' }, false],
    ['127.0.0.1', {}, false],
  ])('%s with %j: %s', (address, headers, expected) => {
    expect(isLoopbackRequest(request(address, headers))).toBe(expected);
  });
});
