/** Starts the plan subgraph: the joint HOI plan and the citizen's timeline. */
import { configOrExit } from '@hoi/platform';
import { serveSubgraph } from '@hoi/subgraph-kit';
import { composePlan, loadPlanConfig } from './subgraph.js';

const config = configOrExit('plan', () => loadPlanConfig(process.env));
await serveSubgraph(await composePlan(config), config);
