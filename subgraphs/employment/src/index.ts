/** Starts the employment subgraph (DFDG / Min Plan (employment status)). */
import { configOrExit, runService } from '@hoi/platform';
import { loadSubgraphConfig } from '@hoi/subgraph-kit';
import { employment } from './subgraph.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
await startTelemetry('employment', process.env);

const config = configOrExit('employment', () => loadSubgraphConfig('employment', process.env));
const service = await employment.compose(config);
await runService({
  name: 'employment subgraph',
  http: service.http,
  port: config.port,
  host: config.host,
  logger: service.logger,
  shutdown: config.shutdown,
  onClose: () => service.close(),
});
