/** Starts the cases subgraph (Sags- og dokumentindeks). */
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { createCasesServer } from './server.js';
import { createEmbeddedCaseIndexSource } from './sources/CaseIndexSource.js';

const config = configOrExit('cases', () => loadSubgraphConfig('cases', process.env, () => ({})));
const logger = createLogger('cases', { level: config.logLevel });
const { http } = await createCasesServer({
  source: createEmbeddedCaseIndexSource(createDataset(config.dataset)),
  grants: createAccessGrants(config.accessContextSecret),
  accessContextSecret: config.accessContextSecret,
  logger,
});
await runSubgraph({ name: 'cases', http, port: config.port, host: config.host, logger });
