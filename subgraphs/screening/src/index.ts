/**
 * Starts the screening subgraph (HOI udsøgning): the projection is built in the background
 * (`/ready` is false until it is in) and refreshed every SCREENING_REFRESH_MINUTES.
 */
import { configOrExit, runService } from '@hoi/platform';
import { composeScreening, loadScreeningConfig } from './subgraph.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
await startTelemetry('screening', process.env);

const config = configOrExit('screening', () => loadScreeningConfig(process.env));
const screening = await composeScreening(config);
screening.refresher.start();
await runService({
  name: 'screening subgraph',
  http: screening.http,
  port: config.port,
  host: config.host,
  logger: screening.logger,
  shutdown: config.shutdown,
  onClose: () => screening.close(),
});
