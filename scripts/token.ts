/**
 * `npm run --silent token -- --role caseworker --areas EMPLOYMENT,HEALTH`
 * `npm run --silent token -- --role citizen --sub <cpr>`
 * `npm run --silent token -- --role screener [--sub id]` (HOI target-group screening)
 * Prints a development token (HS256), alone on its last line, that `npm start` on this
 * machine accepts: signed with AUTH_JWT_SECRET when set, else with the machine's
 * development secret (data/dev-jwt-secret). Production mode never accepts these tokens.
 */
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { isSectorArea, isValidCpr, parseCpr, SECTOR_AREAS } from '@hoi/domain';
import { DEV_TOKEN_DEFAULTS, developmentJwtSecret } from '@hoi/gateway';

function fail(message: string): never {
  console.error(`token: ${message}`);
  console.error(
    'usage: npm run --silent token -- --role caseworker --areas EMPLOYMENT,HEALTH [--sub id] [--ttl seconds]',
  );
  console.error(
    '       npm run --silent token -- --role citizen --sub DDMMYY-SSSS [--ttl seconds]',
  );
  console.error('       npm run --silent token -- --role screener [--sub id] [--ttl seconds]');
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    areas: { type: 'string', default: '' },
    sub: { type: 'string' },
    ttl: { type: 'string', default: '28800' },
  },
  strict: true,
});
const role = values.role;
if (role !== 'caseworker' && role !== 'citizen' && role !== 'screener')
  fail('--role must be caseworker, citizen or screener');
const areas = values.areas
  ? values.areas
      .split(',')
      .map((a) => a.trim().toUpperCase())
      .filter(Boolean)
  : [];
const unknown = areas.filter((a) => !isSectorArea(a));
if (unknown.length > 0)
  fail(`unknown area(s) ${unknown.join(', ')}; areas are ${SECTOR_AREAS.join(', ')}`);
if (!/^\d+$/.test(values.ttl ?? '')) fail('--ttl must be a number of seconds');
let sub: string;
if (role === 'citizen') {
  if (!values.sub || !isValidCpr(values.sub)) fail("--sub must be the citizen's CPR (DDMMYY-SSSS)");
  if (areas.length > 0) fail('a citizen token has no --areas');
  sub = parseCpr(values.sub).cpr;
} else if (role === 'screener') {
  // Screening rests on its statutory basis, not on area authority (domain.md §6 rule 2).
  if (areas.length > 0) fail('a screener token has no --areas');
  sub = values.sub ?? 'screener-dev';
} else {
  sub = values.sub ?? 'caseworker-dev';
}
if (process.env.NODE_ENV === 'production') fail('development tokens are not for production');

const secret = process.env.AUTH_JWT_SECRET || developmentJwtSecret();
const token = await new SignJWT({ role, ...(role === 'caseworker' ? { areas } : {}) })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setSubject(sub)
  .setIssuer(process.env.AUTH_ISSUER || DEV_TOKEN_DEFAULTS.issuer)
  .setAudience(process.env.AUTH_AUDIENCE || DEV_TOKEN_DEFAULTS.audience)
  .setIssuedAt()
  .setExpirationTime(`${values.ttl}s`)
  .sign(new TextEncoder().encode(secret));
console.log(token);
