/** Starts the benefits subgraph (The benefit index (Ydelsesindeks)). */
import { configOrExit } from '@hoi/platform';
import { startTelemetry } from '@hoi/telemetry';
import { loadSubgraphConfig, serveSubgraph } from '@hoi/subgraph-kit';
import { benefits } from './subgraph.js';

// First: spans go to the exporter the OTEL_* variables name (none by default).
const telemetry = await startTelemetry('benefits', process.env);
const config = configOrExit('benefits', () => loadSubgraphConfig('benefits', process.env));
await serveSubgraph(await benefits.compose(config), config, telemetry);
