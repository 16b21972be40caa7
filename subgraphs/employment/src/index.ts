/** Starts the employment subgraph (employment-dfdg). */
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { createEmploymentServer } from './server.js';
import { createEmbeddedEmploymentSource } from './sources/EmploymentSource.js';

const config = configOrExit('employment', () => loadSubgraphConfig('employment', process.env, () => ({})));
const logger = createLogger('employment', { level: config.logLevel });
const { http } = await createEmploymentServer({
  source: createEmbeddedEmploymentSource(createDataset(config.dataset)),
  grants: createAccessGrants(config.accessContextSecret),
  accessContextSecret: config.accessContextSecret,
  logger,
});
await runSubgraph({ name: 'employment', http, port: config.port, host: config.host, logger });
