/** Starts the benefits subgraph (The benefit index (Ydelsesindeks)). */
import { configOrExit, runService } from '@hoi/platform';
import { loadSubgraphConfig } from '@hoi/subgraph-kit';
import { benefits } from './subgraph.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
await startTelemetry('benefits', process.env);

const config = configOrExit('benefits', () => loadSubgraphConfig('benefits', process.env));
const service = await benefits.compose(config);
await runService({
  name: 'benefits subgraph',
  http: service.http,
  port: config.port,
  host: config.host,
  logger: service.logger,
  shutdown: config.shutdown,
  onClose: () => service.close(),
});
