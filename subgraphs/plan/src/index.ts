/** Starts the plan subgraph: the joint HOI plan and the citizen's timeline. */
import { configOrExit } from '@hoi/platform';
import { startTelemetry } from '@hoi/telemetry';
import { serveSubgraph } from '@hoi/subgraph-kit';
import { composePlan, loadPlanConfig } from './subgraph.js';

// First: spans go to the exporter the OTEL_* variables name (none by default).
const telemetry = await startTelemetry('plan', process.env);
const config = configOrExit('plan', () => loadPlanConfig(process.env));
await serveSubgraph(await composePlan(config), config, telemetry);
