/** Starts the plan subgraph: the joint HOI plan and the citizen's timeline. */
import { configOrExit, runService } from '@hoi/platform';
import { composePlan, loadPlanConfig } from './subgraph.js';

const config = configOrExit('plan', () => loadPlanConfig(process.env));
const service = await composePlan(config);
await runService({
  name: 'plan subgraph',
  http: service.http,
  port: config.port,
  host: config.host,
  logger: service.logger,
  shutdown: config.shutdown,
  onClose: () => service.close(),
});
