/** Starts the consent subgraph (samtykke): owns consent writes and the audit log. */
import { configOrExit } from '@hoi/platform';
import { startTelemetry } from '@hoi/telemetry';
import { serveSubgraph } from '@hoi/subgraph-kit';
import { composeConsent, loadConsentConfig } from './subgraph.js';

// First: spans go to the exporter the OTEL_* variables name (none by default).
const telemetry = await startTelemetry('consent', process.env);
const config = configOrExit('consent', () => loadConsentConfig(process.env));
await serveSubgraph(await composeConsent(config), config, telemetry);
