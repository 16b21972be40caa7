/**
 * Source configuration (issue 5, acceptance 5): SOURCE_MODE, the source URLs, timeouts,
 * retries and breaker settings are validated at start; every bad value is reported, each
 * naming its variable, before anything listens.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@hoi/platform';
import { loadSubgraphConfig } from '@hoi/subgraph-kit';

const BASE = { ACCESS_CONTEXT_SECRET: 'a'.repeat(40) };
const load = (env: Record<string, string>) =>
  loadSubgraphConfig('cases', { ...BASE, ...env }, () => ({}));

function problems(env: Record<string, string>): readonly string[] {
  try {
    load(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSubgraphConfig: sources', () => {
  it('defaults to the embedded source', () => {
    expect(load({}).source).toMatchObject({
      mode: 'embedded',
      url: undefined,
      timeoutMs: 2000,
      retries: 2,
    });
  });

  it('reads http mode with the shared URL, or the subgraph’s own, and per-subgraph overrides', () => {
    expect(load({ SOURCE_MODE: 'http', SOURCE_URL: 'http://sim:4010' }).source).toMatchObject({
      mode: 'http',
      url: 'http://sim:4010',
    });
    const own = load({
      SOURCE_MODE: 'http',
      SOURCE_URL: 'http://sim:4010',
      CASES_SOURCE_URL: 'https://sdi.example/api',
      SOURCE_TIMEOUT_MS: '800',
      CASES_SOURCE_TIMEOUT_MS: '300',
      CASES_SOURCE_RETRIES: '0',
    });
    expect(own.source).toMatchObject({
      url: 'https://sdi.example/api',
      timeoutMs: 300,
      retries: 0,
    });
    expect(
      load({ SOURCE_BREAKER_RESET_MS: '250', SOURCE_BREAKER_VOLUME: '3' }).source.breaker,
    ).toMatchObject({ resetTimeoutMs: 250, volumeThreshold: 3 });
  });

  it.each([
    [{ SOURCE_MODE: 'remote' }, 'SOURCE_MODE must be one of embedded, http, got "remote"'],
    [{ SOURCE_TIMEOUT_MS: 'fast' }, 'SOURCE_TIMEOUT_MS must be an integer'],
    [{ CASES_SOURCE_TIMEOUT_MS: '1.5' }, 'CASES_SOURCE_TIMEOUT_MS must be an integer'],
    [{ SOURCE_RETRIES: '-1' }, 'SOURCE_RETRIES must be an integer from 0 to 10'],
    [{ SOURCE_URL: 'not a url' }, 'SOURCE_URL must be an absolute URL, got "not a url"'],
    [{ SOURCE_URL: 'redis://sim:6379' }, 'SOURCE_URL must be an http:// or https:// URL'],
    [
      { CASES_SOURCE_URL: 'ftp://sim/' },
      'CASES_SOURCE_URL must be an absolute URL, got "ftp://sim/"',
    ],
    [{ SOURCE_MODE: 'http' }, 'SOURCE_URL (or CASES_SOURCE_URL) must be set when SOURCE_MODE=http'],
    [
      { SOURCE_BREAKER_ERROR_PERCENT: '150' },
      'SOURCE_BREAKER_ERROR_PERCENT must be an integer from 1 to 100',
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(problems(env).join('\n')).toContain(message);
  });

  it('reports every bad value at once', () => {
    const all = problems({ SOURCE_MODE: 'remote', SOURCE_TIMEOUT_MS: 'fast', SOURCE_URL: 'nope' });
    expect(all.filter((p) => /^SOURCE_(MODE|TIMEOUT_MS|URL) /.test(p))).toHaveLength(3);
  });
});
