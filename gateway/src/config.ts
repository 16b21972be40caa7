/**
 * The gateway's configuration, validated at start with one message per bad value. Only this
 * module reads process.env (through `loadGatewayConfig(env)`).
 */
import { readCacheConfig, type CacheConfig } from '@hoi/cache';
import { DEFAULT_SUBGRAPH_PORTS, readEnv, type SubgraphName } from '@hoi/platform';

/** How bearer tokens are verified. */
export type AuthConfig =
  | {
      /** Development: HS256 with a shared secret. */
      readonly mode: 'development';
      readonly jwtSecret: string | undefined;
      readonly issuer: string;
      readonly audience: string;
    }
  | {
      /** Production: asymmetric keys from a JWKS endpoint, issuer and audience checked. */
      readonly mode: 'production';
      readonly jwksUrl: string;
      readonly issuer: string;
      readonly audience: string;
    };

/** The gateway's settings. */
export interface GatewayConfig {
  /** `PORT`. @default 4000 */
  readonly port: number;
  /** `HOST`. @default '127.0.0.1' */
  readonly host: string;
  /** `NODE_ENV === 'production'`. */
  readonly production: boolean;
  readonly auth: AuthConfig;
  /** `ACCESS_CONTEXT_SECRET`, shared with the subgraphs (at least 32 characters). */
  readonly accessContextSecret: string;
  /** `<NAME>_URL` overrides a subgraph's routing URL from the supergraph. */
  readonly subgraphUrls: Readonly<Partial<Record<SubgraphName, string>>>;
  /** `SUPERGRAPH_FILE`. @default 'supergraph.graphql' at the repository root */
  readonly supergraphFile: string;
  /** `LOG_LEVEL`. @default 'info' */
  readonly logLevel: string;
  /** The cache of entity answers and persisted queries (`CACHE_*`, `REDIS_URL`). */
  readonly cache: CacheConfig;
  /** `ENTITY_CACHE_TTL_MS`: TTL of cached entity answers. @default CACHE_TTL_MS */
  readonly entityCacheTtlMs: number;
  /** `QUERY_PLAN_CACHE_MIB`: approximate size of the query plan cache. @default 30 */
  readonly queryPlanCacheMiB: number;
}

/** Development token defaults, shared with the token command. */
export const DEV_TOKEN_DEFAULTS = { issuer: 'hoi-gateway-dev', audience: 'hoi-gateway' } as const;

/** Validates the environment into a frozen config; throws ConfigError listing every problem. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const r = readEnv(env);
  const production =
    r.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development') === 'production';
  let auth: AuthConfig;
  if (production) {
    const jwksUrl = r.url('AUTH_JWKS_URL');
    const issuer = r.optionalString('AUTH_ISSUER');
    const audience = r.optionalString('AUTH_AUDIENCE');
    if (!jwksUrl)
      r.problem(
        'AUTH_JWKS_URL must be set in production (asymmetric keys; development tokens are never accepted)',
      );
    if (!issuer) r.problem('AUTH_ISSUER must be set in production');
    if (!audience) r.problem('AUTH_AUDIENCE must be set in production');
    auth = {
      mode: 'production',
      jwksUrl: jwksUrl ?? '',
      issuer: issuer ?? '',
      audience: audience ?? '',
    };
  } else {
    auth = {
      mode: 'development',
      jwtSecret: r.secret('AUTH_JWT_SECRET', 32),
      issuer: r.string('AUTH_ISSUER', DEV_TOKEN_DEFAULTS.issuer),
      audience: r.string('AUTH_AUDIENCE', DEV_TOKEN_DEFAULTS.audience),
    };
  }
  const accessContextSecret = r.secret('ACCESS_CONTEXT_SECRET', 32);
  if (!accessContextSecret && !r.optionalString('ACCESS_CONTEXT_SECRET')) {
    r.problem(
      'ACCESS_CONTEXT_SECRET must be set (shared with the subgraphs; `npm start` sets one)',
    );
  }
  const cache = readCacheConfig(r, production);
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of Object.keys(DEFAULT_SUBGRAPH_PORTS) as SubgraphName[]) {
    const url = r.url(`${name.toUpperCase()}_URL`);
    if (url) subgraphUrls[name] = url;
  }
  const config: GatewayConfig = {
    port: r.int('PORT', 4000, 0, 65_535),
    host: r.string('HOST', '127.0.0.1'),
    production,
    auth,
    accessContextSecret: accessContextSecret ?? '',
    subgraphUrls,
    supergraphFile: r.string(
      'SUPERGRAPH_FILE',
      new URL('../../supergraph.graphql', import.meta.url).pathname,
    ),
    logLevel: r.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
    cache,
    entityCacheTtlMs: r.int('ENTITY_CACHE_TTL_MS', cache.ttlMs, 1, 86_400_000),
    queryPlanCacheMiB: r.int('QUERY_PLAN_CACHE_MIB', 30, 1, 4096),
  };
  r.done();
  return Object.freeze(config);
}

/**
 * Turns off @apollo/gateway's OpenTelemetry data collection for Apollo (cloud metadata probes
 * and an exporter to an Apollo endpoint). A municipal gateway never phones home, and the
 * exporter alone cost ~15 % of the gateway's CPU under load (bench profile). The library reads
 * only this variable, when a gateway is constructed, so it is set, not read, here.
 */
export function disableApolloTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED = 'true';
}
