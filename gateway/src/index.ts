/** Starts the gateway (and, with METRICS_PORT, its metrics listener). */
import { createServer, type Server } from 'node:http';
import { closeServer, configOrExit, listen, runService } from '@hoi/platform';
import { composeGateway } from './compose.js';
import { loadGatewayConfig } from './config.js';
import { startTelemetry } from '@hoi/telemetry';

// First: spans go to the exporter the OTEL_* variables name (none by default).
const telemetry = await startTelemetry('gateway', process.env);

const config = configOrExit('gateway', () => loadGatewayConfig(process.env));
const gateway = await composeGateway(config);
let metricsServer: Server | undefined;
if (config.metrics.port !== undefined) {
  // /metrics alone, on a port of its own (e.g. reachable from the monitoring network only).
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || path !== '/metrics') return void res.writeHead(404).end();
    Promise.resolve(gateway.metrics(req, res)).catch(() => res.destroy());
  });
  const url = await listen(server, config.metrics.port, config.metrics.host);
  // Not `url`: scripts and tests take the first `url` a process logs for its GraphQL endpoint.
  gateway.logger.info({ metricsUrl: `${url}/metrics` }, 'gateway metrics listening');
  metricsServer = server;
}
await runService({
  name: 'gateway',
  http: gateway.http,
  port: config.port,
  host: config.host,
  logger: gateway.logger,
  fields: { mode: config.auth.mode },
  shutdown: config.shutdown,
  onClose: async () => {
    if (metricsServer) await closeServer(metricsServer);
    await gateway.close();
    // The last spans, once nothing more can make any.
    await telemetry.shutdown();
  },
});
