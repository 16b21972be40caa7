/**
 * The gateway's configuration, validated at start with one message per bad value. Only this
 * module reads process.env (through `loadGatewayConfig(env)`).
 */
import { readCacheConfig, type CacheConfig } from '@hoi/cache';
import {
  readDevTokenSettings,
  readEnv,
  type EnvReader,
  readShutdownConfig,
  SUBGRAPH_NAMES,
  type ShutdownConfig,
  type SubgraphName,
} from '@hoi/platform';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operationLimits.js';
import { readPlaygroundConfig, type PlaygroundConfig } from './playgroundConfig.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rateLimits.js';

/** How bearer tokens are verified. */
export type AuthConfig =
  | {
      /** Development: HS256 with a shared secret. */
      readonly mode: 'development';
      readonly jwtSecret: string | undefined;
      readonly issuer: string;
      readonly audience: string;
      /** `AUTH_MAX_TOKEN_TTL_SECONDS`: longest accepted token lifetime. @default 86400 */
      readonly maxTokenTtlSeconds?: number;
    }
  | {
      /** Production: asymmetric keys from a JWKS endpoint, issuer and audience checked. */
      readonly mode: 'production';
      readonly jwksUrl: string;
      readonly issuer: string;
      readonly audience: string;
      /** `AUTH_MAX_TOKEN_TTL_SECONDS`: longest accepted token lifetime. @default 86400 */
      readonly maxTokenTtlSeconds?: number;
    };

/** Which operations may run (DESIGN §3b). */
export interface TrustedOperationsConfig {
  /**
   * `TRUSTED_OPERATIONS`: `required` runs only the manifest's operations; `off` runs any
   * (the manifest, when given, still names operations in /metrics). @default 'off'
   */
  readonly mode: 'off' | 'required';
  /**
   * `TRUSTED_OPERATIONS_MANIFEST`: a JSON file `{ "<sha256 hex of the document>": "<document>" }`
   * (required with `required`).
   */
  readonly manifestFile: string | undefined;
}

/** Where and for whom `/metrics` is served. */
export interface MetricsConfig {
  /** `METRICS_TOKEN`: when set, `/metrics` needs `Authorization: Bearer <token>`. */
  readonly token: string | undefined;
  /** `METRICS_PORT`: when set, `/metrics` is served on this port only (not on `PORT`). */
  readonly port: number | undefined;
  /** `METRICS_HOST`: the address of the metrics port. @default '127.0.0.1' */
  readonly host: string;
  /**
   * `METRICS_OPERATION_NAMES`: operation names counted by name in /metrics besides the
   * documented ones and the trusted manifest's (comma-separated); any other is `other`.
   */
  readonly operationNames: readonly string[];
}

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
  /**
   * `ENTITY_CACHE_MEMORY_MIB`: size of the in-process layer of entity answers in front of
   * Redis (this instance's own answers; 0 turns it off). @default 64
   */
  readonly entityCacheMemoryMiB: number;
  /** `QUERY_PLAN_CACHE_MIB`: approximate size of the query plan cache. @default 30 */
  readonly queryPlanCacheMiB: number;
  /**
   * `OPERATION_MAX_DEPTH` (12), `OPERATION_MAX_ALIASES` (30), `OPERATION_MAX_ROOT_FIELDS` (10),
   * `OPERATION_MAX_COST` (50000), `OPERATION_MAX_TOKENS` (3000), `OPERATION_LIST_COST` (5).
   */
  readonly limits: OperationLimits;
  /**
   * `RATE_LIMIT_PER_PRINCIPAL` (500/s), `RATE_LIMIT_PER_ADDRESS` (20/s),
   * `RATE_LIMIT_SCREENING_ROWS` (10000/s); 0 turns one off. Shared through `REDIS_URL`.
   */
  readonly rateLimits: RateLimits;
  readonly trustedOperations: TrustedOperationsConfig;
  readonly metrics: MetricsConfig;
  /** `SUBGRAPH_TIMEOUT_MS`: longest the gateway waits for a subgraph's answer. @default 10000 */
  readonly subgraphTimeoutMs: number;
  /** `SHUTDOWN_DRAIN_MS`, `SHUTDOWN_TIMEOUT_MS`: how SIGTERM is handled. */
  readonly shutdown: ShutdownConfig;
  /**
   * `CORS_ORIGINS`: browser origins (comma-separated, exact, e.g. `https://overblik.example.dk`)
   * that may call the gateway from another origin; preflights are answered. @default none (off)
   */
  readonly corsOrigins: readonly string[];
  /** The playground's sample citizen (`PLAYGROUND_SAMPLE_CPR`, else from `DATASET_*`). */
  readonly playground: PlaygroundConfig;
}

/** `CORS_ORIGINS`: exact origins (scheme://host[:port]), no wildcard: a token-bearing API. */
function readCorsOrigins(r: EnvReader): readonly string[] {
  const origins = (r.optionalString('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of origins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o))
      r.problem(`CORS_ORIGINS must list origins like https://host[:port], got "${o}"`);
  }
  return Object.freeze(origins);
}

/**
 * Validates the environment into a frozen config; throws ConfigError listing every problem.
 * Production needs JWKS verification, the cache keys and a shared cache (REDIS_URL or
 * REDIS_CLUSTER_NODES).
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const r = readEnv(env);
  const production =
    r.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development') === 'production';
  let auth: AuthConfig;
  const maxTokenTtlSeconds = r.int('AUTH_MAX_TOKEN_TTL_SECONDS', 86_400, 60, 31 * 86_400);
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
      maxTokenTtlSeconds,
    };
  } else {
    auth = {
      mode: 'development',
      ...readDevTokenSettings(r),
      maxTokenTtlSeconds,
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
  for (const name of SUBGRAPH_NAMES) {
    const url = r.url(`${name.toUpperCase()}_URL`);
    if (url) subgraphUrls[name] = url;
  }
  const trustedMode = r.oneOf('TRUSTED_OPERATIONS', ['off', 'required'], 'off');
  const manifestFile = r.optionalString('TRUSTED_OPERATIONS_MANIFEST');
  if (trustedMode === 'required' && !manifestFile)
    r.problem(
      'TRUSTED_OPERATIONS_MANIFEST must name the manifest when TRUSTED_OPERATIONS=required',
    );
  const metricsPort = r.optionalString('METRICS_PORT')
    ? r.int('METRICS_PORT', 0, 0, 65_535)
    : undefined;
  const port = r.int('PORT', 4000, 0, 65_535);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port)
    r.problem('METRICS_PORT must differ from PORT');
  const d = DEFAULT_OPERATION_LIMITS;
  const rl = DEFAULT_RATE_LIMITS;
  const config: GatewayConfig = {
    port,
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
    entityCacheMemoryMiB: r.int('ENTITY_CACHE_MEMORY_MIB', 64, 0, 65_536),
    queryPlanCacheMiB: r.int('QUERY_PLAN_CACHE_MIB', 30, 1, 4096),
    limits: Object.freeze({
      depth: r.int('OPERATION_MAX_DEPTH', d.depth, 1, 1_000),
      aliases: r.int('OPERATION_MAX_ALIASES', d.aliases, 0, 100_000),
      rootFields: r.int('OPERATION_MAX_ROOT_FIELDS', d.rootFields, 1, 10_000),
      cost: r.int('OPERATION_MAX_COST', d.cost, 1, 1_000_000_000),
      tokens: r.int('OPERATION_MAX_TOKENS', d.tokens, 100, 1_000_000),
      listCost: r.int('OPERATION_LIST_COST', d.listCost, 1, 10_000),
    }),
    rateLimits: Object.freeze({
      perPrincipal: r.int('RATE_LIMIT_PER_PRINCIPAL', rl.perPrincipal, 0, 1_000_000),
      perAddress: r.int('RATE_LIMIT_PER_ADDRESS', rl.perAddress, 0, 1_000_000),
      screeningRows: r.int('RATE_LIMIT_SCREENING_ROWS', rl.screeningRows, 0, 100_000_000),
    }),
    trustedOperations: Object.freeze({ mode: trustedMode, manifestFile }),
    metrics: Object.freeze({
      token: r.secret('METRICS_TOKEN', 16),
      port: metricsPort,
      host: r.string('METRICS_HOST', '127.0.0.1'),
      operationNames: Object.freeze(
        (r.optionalString('METRICS_OPERATION_NAMES') ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter((n) => /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(n)),
      ),
    }),
    subgraphTimeoutMs: r.int('SUBGRAPH_TIMEOUT_MS', 10_000, 100, 600_000),
    corsOrigins: readCorsOrigins(r),
    playground: readPlaygroundConfig(r, production),
    shutdown: readShutdownConfig(r, production),
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
