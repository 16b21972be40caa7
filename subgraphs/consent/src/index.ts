/** Starts the consent subgraph (samtykke): owns consent writes and the audit log. */
import { configOrExit, runService } from '@hoi/platform';
import { composeConsent, loadConsentConfig } from './subgraph.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
await startTelemetry('consent', process.env);

const config = configOrExit('consent', () => loadConsentConfig(process.env));
const service = await composeConsent(config);
await runService({
  name: 'consent subgraph',
  http: service.http,
  port: config.port,
  host: config.host,
  logger: service.logger,
  shutdown: config.shutdown,
  onClose: () => service.close(),
});
