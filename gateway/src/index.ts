/** Starts the gateway. */
import { configOrExit, runService } from '@hoi/platform';
import { composeGateway } from './compose.js';
import { loadGatewayConfig } from './config.js';

const config = configOrExit('gateway', () => loadGatewayConfig(process.env));
const gateway = await composeGateway(config);
await runService({
  name: 'gateway',
  http: gateway.http,
  port: config.port,
  host: config.host,
  logger: gateway.logger,
  fields: { mode: config.auth.mode },
  onClose: () => gateway.close(),
});
