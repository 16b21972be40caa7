/** Starts the employment subgraph (DFDG / Min Plan (employment status)). */
import { configOrExit } from '@hoi/platform';
import { startTelemetry } from '@hoi/telemetry';
import { loadSubgraphConfig, serveSubgraph } from '@hoi/subgraph-kit';
import { employment } from './subgraph.js';

// First: spans go to the exporter the OTEL_* variables name (none by default).
const telemetry = await startTelemetry('employment', process.env);
const config = configOrExit('employment', () => loadSubgraphConfig('employment', process.env));
await serveSubgraph(await employment.compose(config), config, telemetry);
