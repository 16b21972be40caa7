/** Starts the cases subgraph (The case index (Sags- og dokumentindeks)). */
import { configOrExit } from '@hoi/platform';
import { loadSubgraphConfig, serveSubgraph } from '@hoi/subgraph-kit';
import { cases } from './subgraph.js';

const config = configOrExit('cases', () => loadSubgraphConfig('cases', process.env));
await serveSubgraph(await cases.compose(config), config);
