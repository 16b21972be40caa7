/** Starts the interventions subgraph (The intervention index (Indsatsindeks)). */
import { configOrExit } from '@hoi/platform';
import { loadSubgraphConfig, serveSubgraph } from '@hoi/subgraph-kit';
import { interventions } from './subgraph.js';

const config = configOrExit('interventions', () =>
  loadSubgraphConfig('interventions', process.env),
);
await serveSubgraph(await interventions.compose(config), config);
