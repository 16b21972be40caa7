/**
 * The reference UI's entry: reads the configuration, serves the web app and the BFF on
 * UI_HOST:UI_PORT (127.0.0.1:4100), stops on SIGTERM/SIGINT. In development (NODE_ENV not
 * production) the login page mints development tokens with the gateway's secret
 * (AUTH_JWT_SECRET, else this machine's data/dev-jwt-secret). In production the login is
 * OpenID Connect (OIDC_*), the IdP is read before listening, and there is no development
 * login.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, developmentJwtSecret } from '@hoi/platform';
import {
  createBff,
  createDevTokenSigner,
  createOidcLogin,
  loadUiConfig,
  type BffOptions,
  type UiConfig,
} from './bff.js';

const logger = createLogger('ui', { level: process.env.LOG_LEVEL ?? 'info' });
let config: UiConfig;
try {
  config = loadUiConfig(process.env);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
if (!existsSync(join(config.webRoot, 'index.html'))) {
  console.error(
    `The web app is not built (${join(config.webRoot, 'index.html')}): run npm run build`,
  );
  process.exit(1);
}
let login: Pick<BffOptions, 'devLogin' | 'oidc'>;
if (config.auth.mode === 'production') {
  try {
    login = { oidc: await createOidcLogin(config.auth) };
  } catch (e) {
    console.error(
      `The OIDC issuer ${config.auth.issuerUrl} could not be read (${e instanceof Error ? e.message : e}); not starting`,
    );
    process.exit(1);
  }
} else {
  login = {
    devLogin: createDevTokenSigner({
      secret: config.auth.jwtSecret ?? developmentJwtSecret(),
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    }),
  };
}
const bff = createBff({
  gatewayUrl: config.gatewayUrl,
  webRoot: config.webRoot,
  publicOrigin: config.publicOrigin,
  secureCookies: config.production,
  ...login,
  sessionIdleSeconds: config.sessionIdleSeconds,
  sessionMaxSeconds: config.sessionMaxSeconds,
  logger,
});
bff.server.listen(config.port, config.host, () => {
  logger.info(
    {
      port: config.port,
      host: config.host,
      login: config.auth.mode === 'production' ? 'oidc' : 'development',
    },
    'reference UI listening',
  );
});
const stop = () => {
  bff.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
