/**
 * `npm run --silent token -- --role caseworker --areas EMPLOYMENT,HEALTH`
 * `npm run --silent token -- --role citizen --sub <cpr>`
 * `npm run --silent token -- --role screener [--sub id]` (HOI target-group screening)
 * `npm run --silent token -- --role auditor [--sub id]` (reads access logs only)
 * Every role takes `--org "Jobcenter Nord"`: the caller's unit, which consent records and
 * access logs name instead of a person.
 * Prints a development token (HS256), alone on its last line, that `npm start` on this
 * machine accepts: signed with AUTH_JWT_SECRET when set, else with the machine's
 * development secret (data/dev-jwt-secret). Production mode never accepts these tokens.
 */
import { parseArgs } from 'node:util';
import { isSectorArea, isValidCpr, ORG_MAX_LENGTH, parseCpr, SECTOR_AREAS } from '@hoi/domain';
import { createDevTokenSigner, DEV_TOKEN_DEFAULTS, developmentJwtSecret } from '@hoi/platform';

function fail(message: string): never {
  console.error(`token: ${message}`);
  console.error(
    'usage: npm run --silent token -- --role caseworker --areas EMPLOYMENT,HEALTH [--sub id] [--org unit] [--ttl seconds]',
  );
  console.error(
    '       npm run --silent token -- --role citizen --sub DDMMYY-SSSS [--ttl seconds]',
  );
  console.error('       npm run --silent token -- --role screener|auditor [--sub id] [--org unit]');
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    areas: { type: 'string', default: '' },
    sub: { type: 'string' },
    org: { type: 'string' },
    ttl: { type: 'string', default: '28800' },
  },
  strict: true,
});
const role = values.role;
if (role !== 'caseworker' && role !== 'citizen' && role !== 'screener' && role !== 'auditor')
  fail('--role must be caseworker, citizen, screener or auditor');
const org = values.org?.trim();
if (org !== undefined && (org.length === 0 || org.length > ORG_MAX_LENGTH))
  fail(`--org must be a unit's name of 1–${ORG_MAX_LENGTH} characters`);
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
} else if (role === 'screener' || role === 'auditor') {
  // Screening rests on its statutory basis, an auditor reads access logs: no area authority.
  if (areas.length > 0) fail(`${role === 'auditor' ? 'an' : 'a'} ${role} token has no --areas`);
  sub = values.sub ?? `${role}-dev`;
} else {
  sub = values.sub ?? 'caseworker-dev';
}
if (process.env.NODE_ENV === 'production') fail('development tokens are not for production');

const sign = createDevTokenSigner({
  secret: process.env.AUTH_JWT_SECRET || developmentJwtSecret(),
  issuer: process.env.AUTH_ISSUER || DEV_TOKEN_DEFAULTS.issuer,
  audience: process.env.AUTH_AUDIENCE || DEV_TOKEN_DEFAULTS.audience,
});
const token = await sign({ sub, role, areas, org }, Number(values.ttl));
console.log(token);
