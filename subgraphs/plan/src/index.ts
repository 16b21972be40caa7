/** Starts the plan subgraph: the joint HOI plan and the citizen's timeline. */
import { configOrExit, runService } from '@hoi/platform';
import { composePlan, loadPlanConfig } from './subgraph.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
await startTelemetry('plan', process.env);

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
