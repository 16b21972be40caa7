/**
 * The pure rules of the gateway's abuse resistance (issue 13): the in-process rate limiter,
 * the trusted manifest, request ids and the CPR mask, the readiness gate, the maximum token
 * lifetime, operation labels and the configuration's defaults.
 */
import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  createReadinessGate,
  documentHash,
  freshRequestId,
  livesTooLong,
  loadGatewayConfig,
  ManifestError,
  operationLabeler,
  parseTrustedManifest,
} from '@hoi/gateway';
import { createLogger, maskCpr } from '@hoi/platform';

const logger = createLogger('test', { level: 'silent' });
const ENV = { ACCESS_CONTEXT_SECRET: 'x'.repeat(40), AUTH_JWT_SECRET: 'y'.repeat(40) };

describe('createRateLimiter', () => {
  it('allows the limit in a second, then says when to retry; keys and buckets apart', async () => {
    const limiter = createRateLimiter({
      limits: { perPrincipal: 3, perAddress: 1, screeningRows: 2 },
      logger,
    });
    for (let i = 0; i < 3; i++) expect(await limiter.consume('principal', 'a')).toBe(null);
    expect(await limiter.consume('principal', 'a')).toEqual({ retryAfterSeconds: 1, limit: 3 });
    expect(await limiter.consume('principal', 'b')).toBe(null);
    expect(await limiter.consume('address', 'a')).toBe(null);
    // More rows in one request than a second allows: refused whole.
    expect(await limiter.consume('screening', 'a', 3)).not.toBe(null);
  });

  it('never refuses with a limit of 0', async () => {
    const limiter = createRateLimiter({
      limits: { perPrincipal: 0, perAddress: 0, screeningRows: 0 },
      logger,
    });
    for (let i = 0; i < 50; i++) expect(await limiter.consume('principal', 'a')).toBe(null);
  });
});

describe('parseTrustedManifest', () => {
  const doc = 'query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cpr } }';

  it('reads documents by their SHA-256 and the operations’ names', () => {
    const trusted = parseTrustedManifest(JSON.stringify({ [documentHash(doc)]: doc }));
    expect(trusted.byHash.get(documentHash(doc))).toBe(doc);
    expect([...trusted.names]).toEqual(['Overview']);
  });

  it('refuses an id that is not its document’s hash, and a document that does not parse', () => {
    expect(() => parseTrustedManifest(JSON.stringify({ ['0'.repeat(64)]: doc }))).toThrow(
      ManifestError,
    );
    expect(() => parseTrustedManifest(JSON.stringify({ [documentHash('{')]: '{' }))).toThrow(
      ManifestError,
    );
    expect(() => parseTrustedManifest('[]')).toThrow(ManifestError);
  });
});

describe('maskCpr', () => {
  it('masks CPR digits wherever they stand', () => {
    expect(maskCpr('case_860907-6250')).toBe('case_**********');
    expect(maskCpr('Overview_8609076250')).toBe('Overview_**********');
    expect(maskCpr('x8609076250y')).toBe('x**********y');
    expect(maskCpr('a 010180-1234 b 0101801234 c')).toBe('a ********** b ********** c');
  });

  it('leaves longer digit runs, and UUIDs, whole', () => {
    expect(maskCpr('1795953719031')).toBe('1795953719031');
    const uuid = '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f';
    expect(maskCpr(uuid)).toBe(uuid);
  });
});

describe('freshRequestId', () => {
  it('is a UUID that the log mask leaves whole', () => {
    for (let i = 0; i < 2000; i++) {
      const id = freshRequestId();
      expect(maskCpr(id)).toBe(id);
    }
  });
});

describe('createReadinessGate', () => {
  it('answers SERVICE_UNAVAILABLE (503) until the probe says yes once, then asks no more', async () => {
    let up = false;
    let probes = 0;
    const gate = createReadinessGate(async () => {
      probes += 1;
      return up;
    }, 0);
    await expect(gate.check()).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
    });
    up = true;
    await gate.check();
    up = false;
    await gate.check();
    expect(probes).toBe(2);
  });
});

describe('livesTooLong', () => {
  const now = 1_800_000_000;
  it('refuses a lifetime above the maximum from iat or from now, and a token without exp', () => {
    expect(livesTooLong({ iat: now, exp: now + 8 * 3600 }, 86_400, now)).toBe(false);
    expect(livesTooLong({ iat: now, exp: now + 100 * 365 * 86_400 }, 86_400, now)).toBe(true);
    expect(livesTooLong({ exp: now + 2 * 86_400 }, 86_400, now)).toBe(true);
    expect(livesTooLong({ iat: now + 86_400, exp: now + 2 * 86_400 }, 86_400, now)).toBe(true);
    expect(livesTooLong({ iat: now }, 86_400, now)).toBe(true);
  });
});

describe('operationLabeler', () => {
  it('keeps documented and configured names, others are `other`', () => {
    const label = operationLabeler(['MyQuery'], null);
    expect(label('Overview')).toBe('Overview');
    expect(label('MyQuery')).toBe('MyQuery');
    expect(label('Overview_8609076250')).toBe('other');
    expect(label(null)).toBe('anonymous');
  });
});

describe('loadGatewayConfig', () => {
  it('has the documented defaults', () => {
    const config = loadGatewayConfig(ENV);
    expect(config.limits).toEqual({
      depth: 12,
      aliases: 30,
      rootFields: 10,
      cost: 50_000,
      tokens: 3_000,
      listCost: 5,
    });
    expect(config.rateLimits).toEqual({ perPrincipal: 500, perAddress: 20, screeningRows: 10_000 });
    expect(config.trustedOperations).toEqual({ mode: 'off', manifestFile: undefined });
    expect(config.subgraphTimeoutMs).toBe(10_000);
    expect(config.auth.maxTokenTtlSeconds).toBe(86_400);
    expect(config.metrics).toMatchObject({ token: undefined, port: undefined });
  });

  it('reads every setting and reports bad ones together', () => {
    const config = loadGatewayConfig({
      ...ENV,
      OPERATION_MAX_DEPTH: '8',
      RATE_LIMIT_PER_PRINCIPAL: '0',
      SUBGRAPH_TIMEOUT_MS: '2500',
      AUTH_MAX_TOKEN_TTL_SECONDS: '28800',
      METRICS_PORT: '9464',
      METRICS_OPERATION_NAMES: 'Dashboard, bad name',
    });
    expect(config.limits.depth).toBe(8);
    expect(config.rateLimits.perPrincipal).toBe(0);
    expect(config.subgraphTimeoutMs).toBe(2500);
    expect(config.auth.maxTokenTtlSeconds).toBe(28_800);
    expect(config.metrics.port).toBe(9464);
    expect(config.metrics.operationNames).toEqual(['Dashboard']);
    expect(() =>
      loadGatewayConfig({ ...ENV, TRUSTED_OPERATIONS: 'required', OPERATION_MAX_COST: 'x' }),
    ).toThrow(
      /TRUSTED_OPERATIONS_MANIFEST[\s\S]*OPERATION_MAX_COST|OPERATION_MAX_COST[\s\S]*TRUSTED_OPERATIONS_MANIFEST/,
    );
  });
});
