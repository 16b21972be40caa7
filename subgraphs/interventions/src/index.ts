/** Starts the interventions subgraph (The intervention index (Indsatsindeks)). */
import { configOrExit } from '@hoi/platform';
import { startTelemetry } from '@hoi/telemetry';
import { loadSubgraphConfig, serveSubgraph } from '@hoi/subgraph-kit';
import { interventions } from './subgraph.js';

// First: spans go to the exporter the OTEL_* variables name (none by default).
const telemetry = await startTelemetry('interventions', process.env);
const config = configOrExit('interventions', () =>
  loadSubgraphConfig('interventions', process.env),
);
await serveSubgraph(await interventions.compose(config), config, telemetry);
