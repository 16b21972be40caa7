/**
 * `npm test`'s runner, after the checks: vitest over the unit, integration and e2e projects
 * (arguments pass through, e.g. `npm test -- --project unit`).
 *
 * The integration and e2e tests need a real Redis and PostgreSQL, named by REDIS_URL and
 * DATABASE_URL; the test files themselves fail without them (tests/helpers/env.ts). A new
 * user on one of our machines has both services running but no variables set: for an unset
 * variable this runner takes the machine's service at its standard address when it answers,
 * and says so; when it does not answer, it stops and says what to set. `.ci/run` starts the
 * services and exports both.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { STANDARD_SERVICE_URLS } from '../tests/helpers/env.js';

/** Whether something accepts TCP connections at the URL's host and port within a second. */
function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

const env = { ...process.env };
for (const [name, url] of Object.entries(STANDARD_SERVICE_URLS)) {
  if (env[name]) continue;
  if (!(await answers(url))) {
    console.error(
      `${name} is not set and nothing answers at ${url}: start the service or set ${name}.`,
    );
    process.exit(1);
  }
  env[name] = url;
  console.log(`${name} is not set: using this machine's service at ${url}`);
}
const vitest = spawn('vitest', ['run', ...process.argv.slice(2)], { env, stdio: 'inherit' });
vitest.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
