/** Starts the cases subgraph (The case index (Sags- og dokumentindeks)). */
import { configOrExit, runService } from '@hoi/platform';
import { loadSubgraphConfig } from '@hoi/subgraph-kit';
import { cases } from './subgraph.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
await startTelemetry('cases', process.env);

const config = configOrExit('cases', () => loadSubgraphConfig('cases', process.env));
const service = await cases.compose(config);
await runService({
  name: 'cases subgraph',
  http: service.http,
  port: config.port,
  host: config.host,
  logger: service.logger,
  shutdown: config.shutdown,
  onClose: () => service.close(),
});
