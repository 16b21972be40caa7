/** Starts the benefits subgraph (The benefit index (Ydelsesindeks)). */
import { configOrExit, runService } from '@hoi/platform';
import { loadSubgraphConfig } from '@hoi/subgraph-kit';
import { benefits } from './subgraph.js';

const config = configOrExit('benefits', () => loadSubgraphConfig('benefits', process.env));
const service = await benefits.compose(config);
await runService({
  name: 'benefits subgraph',
  http: service.http,
  port: config.port,
  host: config.host,
  logger: service.logger,
  shutdown: config.shutdown,
  onClose: () => service.close(),
});
