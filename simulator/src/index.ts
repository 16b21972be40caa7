/** Starts the source simulator (`npm run simulator`, or `npm start` with SOURCE_MODE=http). */
import { createDataset } from '@hoi/dataset';
import { configOrExit, createLogger } from '@hoi/platform';
import { loadSimulatorConfig } from './config.js';
import { createSimulator } from './server.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
await startTelemetry('simulator', process.env);

const config = configOrExit('simulator', () => loadSimulatorConfig(process.env));
const logger = createLogger('simulator', { level: config.logLevel });
const simulator = createSimulator({
  dataset: createDataset(config.dataset),
  faults: config.faults,
  logger,
});
const url = await simulator.listen(config.port, config.host);
logger.info(
  { url, citizens: config.dataset.citizens, faults: config.faults['case-index'] },
  'source simulator listening',
);

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down');
  await simulator.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
