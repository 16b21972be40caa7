/**
 * CORS (issue 15): off by default; with CORS_ORIGINS, a browser app on an allowed origin can
 * call the gateway (preflight answered, every answer names the origin), any other origin gets
 * no CORS headers, so its browser refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '@hoi/gateway';
import { startSystem, type System } from '../helpers/system.js';

const APP = 'https://overblik.example.dk';
let system: System;

beforeAll(async () => {
  system = await startSystem({
    citizens: 50,
    gatewayEnv: { CORS_ORIGINS: `${APP}, http://localhost:5173` },
  });
});
afterAll(async () => system?.stop());

const preflight = (origin: string) =>
  fetch(system.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('CORS', () => {
  it('is off unless CORS_ORIGINS names origins, and takes exact origins only', () => {
    const base = { ACCESS_CONTEXT_SECRET: 'x'.repeat(40) };
    expect(loadGatewayConfig(base).corsOrigins).toEqual([]);
    expect(() => loadGatewayConfig({ ...base, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadGatewayConfig({ ...base, CORS_ORIGINS: 'https://a.dk/path' })).toThrow(
      /CORS_ORIGINS/,
    );
  });

  it('answers the preflight of an allowed origin', async () => {
    const res = await preflight(APP);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('names the allowed origin on the answer itself', async () => {
    const token = await system.token({ role: 'caseworker', sub: 'cw-ui', areas: ['HEALTH'] });
    const res = await fetch(system.url, {
      method: 'POST',
      headers: {
        origin: APP,
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('gives any other origin no CORS headers', async () => {
    const res = await preflight('https://evil.example.com');
    expect(res.status).toBe(405);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(system.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});
