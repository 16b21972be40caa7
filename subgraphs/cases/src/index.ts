/** Starts the cases subgraph (The case index (Sags- og dokumentindeks)). */
import { configOrExit, runService } from '@hoi/platform';
import { loadSubgraphConfig } from '@hoi/subgraph-kit';
import { cases } from './subgraph.js';

const config = configOrExit('cases', () => loadSubgraphConfig('cases', process.env));
const service = await cases.compose(config);
await runService({
  name: 'cases subgraph',
  http: service.http,
  port: config.port,
  host: config.host,
  logger: service.logger,
  shutdown: config.shutdown,
  onClose: () => service.close(),
});
