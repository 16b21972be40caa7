/** Starts the employment subgraph (DFDG / Min Plan (employment status)). */
import { configOrExit } from '@hoi/platform';
import { loadSubgraphConfig, serveSubgraph } from '@hoi/subgraph-kit';
import { employment } from './subgraph.js';

const config = configOrExit('employment', () => loadSubgraphConfig('employment', process.env));
await serveSubgraph(await employment.compose(config), config);
