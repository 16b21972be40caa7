/**
 * Boots the real system in-process for integration tests: seven subgraphs and the gateway on
 * free ports, over the embedded dataset, with counted sources and counted subgraph requests.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { createPseudonymizer } from '@hoi/access';
import { createCache, type SealedCache } from '@hoi/cache';
import { createDataset, type Dataset } from '@hoi/dataset';
import { composeGateway, loadGatewayConfig } from '@hoi/gateway';
import {
  closeServer,
  createLogger,
  createMetrics,
  listen,
  SUBGRAPH_NAMES,
  type Metrics,
  type SubgraphName,
} from '@hoi/platform';
import {
  countCalls,
  embeddedSource,
  SOURCES,
  type CitizenSource,
  type CountedSource,
  type BenefitIndexSource,
  type CaseIndexSource,
  type ConsentSource,
  type EmploymentSource,
  type InterventionIndexSource,
} from '@hoi/sources';
import type { SqlDatabase } from '@hoi/storage';
import { benefits } from '@hoi/subgraph-benefits';
import { cases } from '@hoi/subgraph-cases';
import {
  composeConsent,
  createSqlConsentStore,
  loadConsentConfig,
  type ConsentStore,
} from '@hoi/subgraph-consent';
import { employment } from '@hoi/subgraph-employment';
import { interventions } from '@hoi/subgraph-interventions';
import { loadSubgraphConfig, type IndexSubgraph, type SubgraphService } from '@hoi/subgraph-kit';
import {
  composePlan,
  createSqlPlanStore,
  loadPlanConfig,
  type PlanStore,
  type TimelineSources,
} from '@hoi/subgraph-plan';
import {
  composeScreening,
  createEmbeddedScreeningRecordsSource,
  createSqlScreeningStore,
  loadScreeningConfig,
  type ScreeningProjection,
  type ScreeningRecordsSource,
  type ScreeningStore,
} from '@hoi/subgraph-screening';
import { createTestDatabase } from './database.js';

/** The subgraphs of the citizen overview that read one source each (not screening or plan). */
export type OverviewSubgraph = Exclude<SubgraphName, 'screening' | 'plan'>;

/** A GraphQL response as the tests read it. */
export interface GraphQLResponse {
  readonly status: number;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

/** The raw sources of a system, one per subgraph. */
export interface SystemSources {
  readonly consent: ConsentSource;
  readonly cases: CaseIndexSource;
  readonly benefits: BenefitIndexSource;
  readonly interventions: InterventionIndexSource;
  readonly employment: EmploymentSource;
  /** Screening's per-citizen records (cpr-knap); default: embedded. */
  readonly screening?: ScreeningRecordsSource;
  /** The plan subgraph's timeline sources; default: embedded. */
  readonly plan?: TimelineSources;
}

/** Options of {@link startSystem}. */
export interface SystemOptions {
  /**
   * Sources to use instead of the embedded ones (e.g. HTTP sources reading simulators),
   * made with the system's metrics; counted and stacked like the others, closed on stop.
   */
  readonly sources?: (
    metrics: Readonly<Record<SubgraphName | 'gateway', Metrics>>,
  ) => Partial<SystemSources>;
  /** @default 2000 */
  readonly citizens?: number;
  /** @default 7 */
  readonly seed?: number;
  /** The consent and screening subgraphs' clock. */
  readonly clock?: () => Date;
  /** A consent store; default: PGlite in a fresh temp dir. */
  readonly store?: ConsentStore;
  /** The screening subgraph's store; default: PGlite in a fresh temp dir. */
  readonly screeningStore?: ScreeningStore;
  /** The plan subgraph's store; default: next to the consent store. */
  readonly planStore?: PlanStore;
  /** Demo plans seeded for the HOI citizens among the first this many citizens. @default 0 */
  readonly demoPlanCitizens?: number;
  /**
   * Caching: 'off', 'memory' (an in-process LRU per server), or a Redis URL (one connection
   * per server, as separate processes would have). @default 'off'
   */
  readonly cache?:
    | 'off'
    | 'memory'
    | {
        /** One Redis, or (instead) a Redis Cluster's seed nodes. */
        readonly redisUrl?: string;
        readonly redisClusterNodes?: readonly string[];
        readonly keyPrefix?: string;
        readonly timeoutMs?: number;
      };
  /** TTL of cached source results and consent state. @default 60000 */
  readonly cacheTtlMs?: number;
  /** Variables for the gateway on top of the test's (e.g. RATE_LIMIT_PER_PRINCIPAL). */
  readonly gatewayEnv?: NodeJS.ProcessEnv;
  /** Shared cache encryption key (32 bytes), so two systems can share one Redis. */
  readonly cacheKey?: Buffer;
  /**
   * The index subgraphs' SOURCE_MODE: `http` makes them treat their (given) sources as remote,
   * as the processes do with SOURCE_MODE=http: they read ahead. @default embedded
   */
  readonly sourceMode?: 'embedded' | 'http';
}

/** A running system. */
export interface System {
  readonly url: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly dataset: Dataset;
  readonly store: ConsentStore;
  /**
   * The screening subgraph: its store, its projection (built before startSystem resolves),
   * its counted per-citizen source and the HTTP requests it received.
   */
  readonly screening: {
    readonly store: ScreeningStore;
    readonly projection: ScreeningProjection;
    readonly source: CountedSource<unknown>;
    readonly requests: () => number;
    refresh(): Promise<void>;
  };
  /**
   * The plan subgraph: its store, its own counted timeline sources and the HTTP
   * requests it received.
   */
  readonly plan: {
    readonly store: PlanStore;
    readonly sources: Readonly<
      Record<'cases' | 'benefits' | 'interventions', CountedSource<unknown>>
    >;
    readonly requests: () => number;
  };
  /** The counted sources of the overview subgraphs. */
  readonly sources: Readonly<Record<OverviewSubgraph, CountedSource<unknown>>>;
  /** HTTP requests received per overview subgraph since start. */
  readonly subgraphRequests: Readonly<Record<OverviewSubgraph, number>>;
  readonly accessContextSecret: string;
  /** Each server's metrics registry. */
  readonly metrics: Readonly<Record<SubgraphName | 'gateway', Metrics>>;
  /** Each server's cache (null when caching is off). */
  readonly caches: Readonly<Record<SubgraphName | 'gateway', SealedCache | null>>;
  readonly pseudonymize: (cpr: string) => string;
  /** A development token for this system. */
  token(claims: {
    role: string;
    areas?: string[];
    sub?: string;
    /** The caller's organisation unit (the `org` claim). */
    org?: string;
    expiresIn?: string;
  }): Promise<string>;
  /** POSTs a GraphQL request to the gateway. */
  query(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    operationName?: string,
  ): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

const AUDIT_KEY = 'test-audit-key-0123456789abcdef0123';
/** The development JWT secret of the test systems' gateways. */
export const JWT_SECRET = 'test-jwt-secret-test-jwt-secret-0123456789';
const ISSUER = 'hoi-gateway-dev';
const AUDIENCE = 'hoi-gateway';

/** Signs a development token for the test systems (any claims, for negative tests too). */
export async function signTestToken(
  claims: Record<string, unknown>,
  options: { secret?: string; expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}

/** POSTs a GraphQL request. */
export async function postGraphQL(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Omit<GraphQLResponse, 'status'>;
  return { status: res.status, ...json };
}

/** Starts the system. */
export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const accessContextSecret = 'test-access-context-secret-0123456789abcdef';
  const dataset = createDataset({ seed: options.seed ?? 7, citizens: options.citizens ?? 2000 });
  const logger = createLogger('test', { level: 'silent' });
  const consentDb = options.store ? undefined : await createTestDatabase();
  const store = options.store ?? (await createSqlConsentStore(consentDb as SqlDatabase));
  const pseudonymize = createPseudonymizer(AUDIT_KEY, 'audit-citizen');
  const metrics = Object.fromEntries(
    [...SUBGRAPH_NAMES, 'gateway'].map((n) => [n, createMetrics(n, { defaults: false })]),
  ) as Record<SubgraphName | 'gateway', Metrics>;
  const custom = options.sources?.(metrics) ?? {};
  const sources = {
    consent: countCalls(custom.consent ?? embeddedSource(SOURCES['consent-register'], dataset)),
    cases: countCalls(custom.cases ?? embeddedSource(SOURCES['case-index'], dataset)),
    benefits: countCalls(custom.benefits ?? embeddedSource(SOURCES['benefit-index'], dataset)),
    interventions: countCalls(
      custom.interventions ?? embeddedSource(SOURCES['intervention-index'], dataset),
    ),
    employment: countCalls(
      custom.employment ?? embeddedSource(SOURCES['employment-dfdg'], dataset),
    ),
  };
  const planSources = {
    cases: countCalls(custom.plan?.cases ?? embeddedSource(SOURCES['case-index'], dataset)),
    benefits: countCalls(
      custom.plan?.benefits ?? embeddedSource(SOURCES['benefit-index'], dataset),
    ),
    interventions: countCalls(
      custom.plan?.interventions ?? embeddedSource(SOURCES['intervention-index'], dataset),
    ),
  };
  const screeningSource = countCalls(
    custom.screening ?? createEmbeddedScreeningRecordsSource(dataset),
  );
  const cacheOption = options.cache ?? 'off';
  const ttlMs = options.cacheTtlMs ?? 60_000;
  const cacheKey = options.cacheKey ?? randomBytes(32);
  const caches = Object.fromEntries(
    [...SUBGRAPH_NAMES, 'gateway'].map((n) => [
      n,
      createCache(
        {
          mode: cacheOption === 'off' ? 'off' : 'auto',
          redisUrl: typeof cacheOption === 'object' ? cacheOption.redisUrl : undefined,
          ...(typeof cacheOption === 'object' && cacheOption.redisClusterNodes
            ? { redisClusterNodes: cacheOption.redisClusterNodes }
            : {}),
          keyPrefix:
            typeof cacheOption === 'object' ? (cacheOption.keyPrefix ?? 'hoi:test:') : 'hoi:test:',
          timeoutMs: typeof cacheOption === 'object' ? (cacheOption.timeoutMs ?? 50) : 50,
          ttlMs,
          encryptionKey: cacheKey,
          previousEncryptionKey: undefined,
          hmacKey: undefined,
        },
        { logger, metrics: metrics[n as SubgraphName | 'gateway'] },
      ),
    ]),
  ) as Record<SubgraphName | 'gateway', SealedCache | null>;
  // The screening tables live next to the consent store's when that one is ours (as with one
  // PostgreSQL in production). The consent store closes the shared database.
  const screeningStore =
    options.screeningStore ??
    (await createSqlScreeningStore(
      consentDb ? { ...consentDb, close: async () => {} } : await createTestDatabase(),
    ));
  const planStore =
    options.planStore ??
    (await createSqlPlanStore(
      consentDb ? { ...consentDb, close: async () => {} } : await createTestDatabase(),
    ));
  // The services are assembled by their own composition roots, from configuration read the
  // way the processes read it, with the test's sources, stores, caches and clock handed in.
  const env: NodeJS.ProcessEnv = {
    ACCESS_CONTEXT_SECRET: accessContextSecret,
    AUDIT_PSEUDONYM_KEY: AUDIT_KEY,
    CACHE_TTL_MS: String(ttlMs),
    CONSENT_STATE_CACHE_TTL_MS: String(ttlMs),
    SCREENING_REFRESH_MINUTES: '0',
  };
  // The index subgraphs' configuration with SOURCE_MODE=http: the given sources are used
  // either way; the URL only satisfies the configuration.
  const indexEnv: NodeJS.ProcessEnv =
    options.sourceMode === 'http'
      ? { ...env, SOURCE_MODE: 'http', SOURCE_URL: 'http://127.0.0.1:9/unused' }
      : env;
  const common = { logger, dataset };
  const index = <T>(subgraph: IndexSubgraph<T>, name: OverviewSubgraph, source: CitizenSource<T>) =>
    subgraph.compose(loadSubgraphConfig(name, indexEnv), {
      ...common,
      metrics: metrics[name],
      cache: caches[name],
      source,
    });
  const screeningService = await composeScreening(loadScreeningConfig(env), {
    ...common,
    metrics: metrics.screening,
    source: screeningSource,
    store: screeningStore,
    clock: options.clock,
  });
  await screeningService.refresher.refresh();
  // The consent subgraph asks screening for its part of access logs: screening listens first.
  const screeningUrl = `${await listen(screeningService.http, 0)}/graphql`;
  const consentService = await composeConsent(
    loadConsentConfig({ ...env, SCREENING_URL: screeningUrl }),
    {
      ...common,
      metrics: metrics.consent,
      cache: caches.consent,
      source: sources.consent,
      store,
      clock: options.clock,
    },
  );
  // The plan subgraph asks the consent subgraph before every write: consent listens first.
  const consentUrl = `${await listen(consentService.http, 0)}/graphql`;
  const planService = await composePlan(
    loadPlanConfig({
      ...env,
      CONSENT_URL: consentUrl,
      PLAN_DEMO_CITIZENS: String(options.demoPlanCitizens ?? 0),
    }),
    {
      ...common,
      metrics: metrics.plan,
      cache: caches.plan,
      sources: planSources,
      store: planStore,
      clock: options.clock,
    },
  );
  const servers: Record<SubgraphName, Pick<SubgraphService, 'http' | 'close'>> = {
    consent: consentService,
    cases: await index(cases, 'cases', sources.cases),
    benefits: await index(benefits, 'benefits', sources.benefits),
    interventions: await index(interventions, 'interventions', sources.interventions),
    employment: await index(employment, 'employment', sources.employment),
    screening: screeningService,
    plan: planService,
  };
  const counted = SUBGRAPH_NAMES.filter(
    (n): n is OverviewSubgraph => n !== 'screening' && n !== 'plan',
  );
  const subgraphRequests = Object.fromEntries(counted.map((n) => [n, 0])) as Record<
    OverviewSubgraph,
    number
  >;
  for (const name of counted)
    servers[name].http.on('request', () => void (subgraphRequests[name] += 1));
  let screeningRequests = 0;
  servers.screening.http.on('request', () => void (screeningRequests += 1));
  let planRequests = 0;
  servers.plan.http.on('request', () => void (planRequests += 1));
  const subgraphUrls = { consent: consentUrl, screening: screeningUrl } as Record<
    SubgraphName,
    string
  >;
  for (const name of SUBGRAPH_NAMES) {
    subgraphUrls[name] ??= `${await listen(servers[name].http, 0)}/graphql`;
  }
  const gateway = await composeGateway(
    loadGatewayConfig({
      ...env,
      AUTH_JWT_SECRET: JWT_SECRET,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      ENTITY_CACHE_TTL_MS: String(ttlMs),
      ...options.gatewayEnv,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, subgraphUrls[n]])),
    }),
    { logger, metrics: metrics.gateway, cache: caches.gateway },
  );
  const url = `${await listen(gateway.http, 0)}/graphql`;
  return {
    url,
    subgraphUrls,
    dataset,
    store,
    screening: {
      store: screeningStore,
      projection: screeningService.projection,
      source: screeningSource,
      requests: () => screeningRequests,
      refresh: () => screeningService.refresher.refresh(),
    },
    plan: { store: planStore, sources: planSources, requests: () => planRequests },
    sources,
    subgraphRequests,
    accessContextSecret,
    metrics,
    caches,
    pseudonymize,
    token: ({ expiresIn, ...claims }) => signTestToken(claims, { expiresIn }),
    query: (query, variables, token, operationName) =>
      postGraphQL(
        url,
        { query, variables, operationName },
        token ? { authorization: `Bearer ${token}` } : {},
      ),
    stop: async () => {
      await closeServer(gateway.http);
      await gateway.close();
      for (const name of SUBGRAPH_NAMES) {
        await closeServer(servers[name].http);
        // Stops the server, the refresher and the sources; what was handed in stays open.
        await servers[name].close();
      }
      for (const cache of Object.values(caches)) await cache?.store.close();
      // A store passed in belongs to the caller (it may serve several systems).
      if (!options.store) await store.close();
      if (!options.screeningStore) await screeningStore.close();
      if (!options.planStore) await planStore.close();
    },
  };
}
