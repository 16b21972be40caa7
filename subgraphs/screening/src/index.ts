/**
 * Starts the screening subgraph (HOI udsøgning): the projection is built in the background
 * (`/ready` is false until it is in) and refreshed every SCREENING_REFRESH_MINUTES.
 */
import { configOrExit } from '@hoi/platform';
import { serveSubgraph } from '@hoi/subgraph-kit';
import { startTelemetry } from '@hoi/telemetry';
import { composeScreening, loadScreeningConfig } from './subgraph.js';

// First: spans go to the exporter the OTEL_* variables name (none by default).
const telemetry = await startTelemetry('screening', process.env);
const config = configOrExit('screening', () => loadScreeningConfig(process.env));
const screening = await composeScreening(config);
screening.refresher.start();
await serveSubgraph(screening, config, telemetry);
