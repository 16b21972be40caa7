/**
 * The environment the integration and e2e tests need: the machine's real Redis and PostgreSQL,
 * named by REDIS_URL and DATABASE_URL (`.ci/run` exports both). A missing variable fails the
 * run with a message that says what to set. It never falls back to a guessed URL or skips
 * the suite (docs style: "A missing REDIS_URL fails the run; it doesn't skip").
 */

/**
 * The services' standard addresses on our machines: what `.ci/run` exports, quoted in the
 * failure message, and what `npm test` (tools/test.ts) takes when a variable is unset.
 */
export const STANDARD_SERVICE_URLS: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379/15',
};

/**
 * Reads an environment variable the tests cannot run without. Throws if it is unset or empty.
 * Call it at module level, so that the whole file fails before any test runs.
 */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    const example = STANDARD_SERVICE_URLS[name];
    throw new Error(
      `${name} is not set: these tests need it and have no default.` +
        (example === undefined ? '' : ` Export it as .ci/run does: ${name}=${example}`),
    );
  }
  return value;
}
