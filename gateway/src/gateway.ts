/** @hoi/gateway: the federated gateway, for its entry, the launcher, scripts and tests. */
export { createAuthenticator, type Authenticate } from './auth.js';
export {
  DEV_TOKEN_DEFAULTS,
  loadGatewayConfig,
  type AuthConfig,
  type GatewayConfig,
} from './config.js';
export type { GatewayContext } from './context.js';
export { DEV_SECRET_FILE, developmentJwtSecret } from './devSecret.js';
export { createEntityCache, type EntityCache } from './entityCache.js';
export { composeGateway, type GatewayOverrides, type GatewayService } from './compose.js';
export { createGateway, type Gateway, type GatewayDeps } from './server.js';
export {
  CompositionError,
  composeSupergraph,
  readSupergraphConfig,
  type SubgraphDefinition,
} from './supergraph.js';
