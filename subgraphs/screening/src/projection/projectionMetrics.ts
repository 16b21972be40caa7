/** Prometheus gauges of the screening projection, read from it at every scrape (`/metrics`). */
import { Gauge } from 'prom-client';
import type { Metrics } from '@hoi/platform';
import type { ScreeningProjection } from './ScreeningProjection.js';

/** Registers the gauges on the subgraph's registry. */
export function registerProjectionMetrics(metrics: Metrics, projection: ScreeningProjection): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.set(read());
      },
    });
  gauge(
    'hoi_screening_projection_citizens',
    'Citizens read by the last bulk read of the sources',
    () => projection.info().citizens,
  );
  gauge(
    'hoi_screening_projection_candidates',
    'Possible HOI candidates kept by the last bulk read',
    () => projection.info().candidates,
  );
  gauge(
    'hoi_screening_decided_citizens',
    'Citizens with a recorded HOI case or decline',
    () => projection.info().decided,
  );
  gauge(
    'hoi_screening_projection_sources_as_of_seconds',
    'Unix time of the bulk read the screening lists rest on; 0 before the first',
    () => (projection.info().sourcesAsOf?.getTime() ?? 0) / 1000,
  );
}
