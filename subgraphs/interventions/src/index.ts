/** Starts the interventions subgraph (The intervention index (Indsatsindeks)). */
import { configOrExit, runService } from '@hoi/platform';
import { loadSubgraphConfig } from '@hoi/subgraph-kit';
import { interventions } from './subgraph.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
await startTelemetry('interventions', process.env);

const config = configOrExit('interventions', () =>
  loadSubgraphConfig('interventions', process.env),
);
const service = await interventions.compose(config);
await runService({
  name: 'interventions subgraph',
  http: service.http,
  port: config.port,
  host: config.host,
  logger: service.logger,
  shutdown: config.shutdown,
  onClose: () => service.close(),
});
