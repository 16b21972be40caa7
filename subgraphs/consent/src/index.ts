/** Starts the consent subgraph (samtykke): owns consent writes and the audit log. */
import { configOrExit } from '@hoi/platform';
import { serveSubgraph } from '@hoi/subgraph-kit';
import { composeConsent, loadConsentConfig } from './subgraph.js';

const config = configOrExit('consent', () => loadConsentConfig(process.env));
await serveSubgraph(await composeConsent(config), config);
