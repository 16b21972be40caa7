/** Starts the benefits subgraph (The benefit index (Ydelsesindeks)). */
import { configOrExit } from '@hoi/platform';
import { loadSubgraphConfig, serveSubgraph } from '@hoi/subgraph-kit';
import { benefits } from './subgraph.js';

const config = configOrExit('benefits', () => loadSubgraphConfig('benefits', process.env));
await serveSubgraph(await benefits.compose(config), config);
