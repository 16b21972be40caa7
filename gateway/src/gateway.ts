/** @hoi/gateway: the federated gateway, for its entry, the launcher, scripts and tests. */
export {
  createAuthenticator,
  DEFAULT_MAX_TOKEN_TTL_SECONDS,
  livesTooLong,
  type Authenticate,
} from './auth.js';
export {
  loadGatewayConfig,
  type AuthConfig,
  type GatewayConfig,
  type MetricsConfig,
  type TrustedOperationsConfig,
} from './config.js';
export type { GatewayContext } from './context.js';
export {
  createEntityCache,
  createNearEntityCache,
  type EntityCache,
  type NearEntityCache,
} from './entityCache.js';
export {
  BufferedResponse,
  createUndiciFetcher,
  HeldAnswerNotConfirmed,
} from './dataSources/undiciFetcher.js';
export { composeGateway, type GatewayOverrides, type GatewayService } from './compose.js';
export { createPlaygroundHandler, PLAYGROUND_CSP, type PlaygroundOptions } from './playground.js';
export { readPlaygroundConfig, type PlaygroundConfig } from './playgroundConfig.js';
export { findPlaygroundSample, type PlaygroundSample } from './playgroundSample.js';
export {
  playgroundTabs,
  readClientOperations,
  TAB_ORDER,
  type PlaygroundTab,
} from './playgroundTabs.js';
export {
  createDevTokenMinter,
  isLoopbackRequest,
  PLAYGROUND_ORG,
  PLAYGROUND_TOKEN_TTL_SECONDS,
  type DevTokenMinter,
  type PlaygroundRole,
} from './playgroundTokens.js';
export { createGateway, type Gateway, type GatewayDeps } from './server.js';
export {
  CompositionError,
  composeSupergraph,
  readSupergraphConfig,
  type SubgraphDefinition,
} from './supergraph.js';
export { createDocumentGuard, type DocumentGuardOptions } from './documentGuard.js';
export {
  checkCost,
  checkTokens,
  costDependsOnVariables,
  costEstimator,
  countRootFields,
  DEFAULT_OPERATION_LIMITS,
  operationCost,
  operationLimitRules,
  type OperationLimits,
} from './operationLimits.js';
export { operationLimitsPlugin } from './plugins/operationLimits.js';
export { DOCUMENTED_OPERATIONS, operationLabeler } from './operationLabels.js';
export {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimiter,
  type RateLimits,
} from './rateLimits.js';
export { createReadinessGate, freshRequestId, requestIdOf } from './requestGate.js';
export {
  documentHash,
  ManifestError,
  parseTrustedManifest,
  type TrustedOperations,
} from './trustedOperations.js';
export {
  citizensOf,
  createReadAhead,
  indexSubgraphsAfterConsent,
  type ReadAhead,
  type ReadAheadOptions,
} from './readAhead.js';
