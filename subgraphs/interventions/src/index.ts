/** Starts the interventions subgraph (intervention-index). */
import { createDataset } from '../../../dataset/src/dataset.js';
import { createAccessGrants } from '../../shared/src/accessGrant.js';
import { createLogger } from '../../shared/src/logger.js';
import { configOrExit, runSubgraph } from '../../shared/src/runSubgraph.js';
import { loadSubgraphConfig } from '../../shared/src/subgraphConfig.js';
import { createInterventionsServer } from './server.js';
import { createEmbeddedInterventionIndexSource } from './sources/InterventionIndexSource.js';

const config = configOrExit('interventions', () => loadSubgraphConfig('interventions', process.env, () => ({})));
const logger = createLogger('interventions', { level: config.logLevel });
const { http } = await createInterventionsServer({
  source: createEmbeddedInterventionIndexSource(createDataset(config.dataset)),
  grants: createAccessGrants(config.accessContextSecret),
  accessContextSecret: config.accessContextSecret,
  logger,
});
await runSubgraph({ name: 'interventions', http, port: config.port, host: config.host, logger });
