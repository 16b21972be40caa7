/** Starts the cases subgraph (The case index (Sags- og dokumentindeks)). */
import { configOrExit } from '@hoi/platform';
import { startTelemetry } from '@hoi/telemetry';
import { loadSubgraphConfig, serveSubgraph } from '@hoi/subgraph-kit';
import { cases } from './subgraph.js';

// First: spans go to the exporter the OTEL_* variables name (none by default).
const telemetry = await startTelemetry('cases', process.env);
const config = configOrExit('cases', () => loadSubgraphConfig('cases', process.env));
await serveSubgraph(await cases.compose(config), config, telemetry);
