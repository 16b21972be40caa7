/**
 * Starts the screening subgraph (HOI udsøgning): the projection is built in the background
 * (`/ready` is false until it is in) and refreshed every SCREENING_REFRESH_MINUTES.
 */
import { configOrExit } from '@hoi/platform';
import { serveSubgraph } from '@hoi/subgraph-kit';
import { composeScreening, loadScreeningConfig } from './subgraph.js';

const config = configOrExit('screening', () => loadScreeningConfig(process.env));
const screening = await composeScreening(config);
screening.refresher.start();
await serveSubgraph(screening, config);
