/**
 * Source simulators for integration tests: one simulator per source on its own free port
 * (so that one source can be taken down alone, connections refused), faults set through the
 * real admin endpoint, and HTTP sources that read them for {@link startSystem}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dataset } from '@hoi/dataset';
import type { Metrics, SubgraphName } from '@hoi/platform';
import { createSimulator, HEALTHY, type Faults, type Simulator } from '@hoi/simulator';
import {
  httpSource,
  SOURCE_NAMES,
  SOURCES,
  type HttpSourceSettings,
  type SourceName,
} from '@hoi/sources';
import { createHttpScreeningRecordsSource } from '@hoi/subgraph-screening';
import type { SystemSources } from './system.js';

/** The subgraphs that read a source. */
export type SourceSubgraph = 'consent' | 'cases' | 'benefits' | 'interventions' | 'employment';

/** Which source each subgraph reads. */
export const SOURCE_OF: Readonly<Record<SourceSubgraph, SourceName>> = {
  consent: 'consent-register',
  cases: 'case-index',
  benefits: 'benefit-index',
  interventions: 'intervention-index',
  employment: 'employment-dfdg',
};

/** Running simulators, one per source. */
export interface Simulators {
  readonly bySource: Readonly<Record<SourceName, Simulator>>;
  /** Sets a source's faults through `PUT /admin/faults/<source>` (left-out fields healthy). */
  setFaults(source: SourceName, faults: Partial<Faults>): Promise<void>;
  /** Sets the same faults on every source. */
  setAllFaults(faults: Partial<Faults>): Promise<void>;
  /** Restores the start-up faults (`DELETE /admin/faults/<source>`). */
  heal(source: SourceName): Promise<void>;
  /** Closes the source's listener: connections are refused until {@link restore}. */
  refuse(source: SourceName): Promise<void>;
  restore(source: SourceName): Promise<void>;
  close(): Promise<void>;
}

async function admin(sim: Simulator, method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

/** Starts one simulator per source over `dataset`. */
export async function startSimulators(
  dataset: Dataset,
  faults: Partial<Faults> = {},
): Promise<Simulators> {
  const start = { ...HEALTHY, ...faults };
  const entries = await Promise.all(
    SOURCE_NAMES.map(async (source) => {
      const sim = createSimulator({
        dataset,
        faults: Object.fromEntries(SOURCE_NAMES.map((s) => [s, start])),
      });
      await sim.listen(0);
      return [source, sim] as const;
    }),
  );
  const bySource = Object.fromEntries(entries) as Record<SourceName, Simulator>;
  return {
    bySource,
    setFaults: (source, f) => admin(bySource[source], 'PUT', `/admin/faults/${source}`, f),
    setAllFaults: async (f) =>
      void (await Promise.all(
        SOURCE_NAMES.map((s) => admin(bySource[s], 'PUT', `/admin/faults/${s}`, f)),
      )),
    heal: (source) => admin(bySource[source], 'DELETE', `/admin/faults/${source}`),
    refuse: (source) => bySource[source].pause(),
    restore: (source) => bySource[source].resume(),
    close: async () => void (await Promise.all(Object.values(bySource).map((s) => s.close()))),
  };
}

/** HTTP sources reading the simulators, for `startSystem({ sources })`. */
export function httpSources(
  sims: Simulators,
  settings: Omit<HttpSourceSettings, 'baseUrl' | 'metrics'>,
): (metrics: Readonly<Record<SubgraphName | 'gateway', Metrics>>) => SystemSources {
  return (metrics) => {
    const of = (name: SourceSubgraph): HttpSourceSettings => ({
      ...settings,
      baseUrl: sims.bySource[SOURCE_OF[name]].url,
      metrics: metrics[name],
    });
    return {
      consent: httpSource(SOURCES['consent-register'], of('consent')),
      cases: httpSource(SOURCES['case-index'], of('cases')),
      benefits: httpSource(SOURCES['benefit-index'], of('benefits')),
      interventions: httpSource(SOURCES['intervention-index'], of('interventions')),
      employment: httpSource(SOURCES['employment-dfdg'], of('employment')),
      // Screening reads three indexes from one base URL: here the case index's simulator
      // (which serves them all), so it goes down with that one.
      // The plan subgraph's timeline reads the three indexes itself, each from its simulator.
      plan: {
        cases: httpSource(SOURCES['case-index'], { ...of('cases'), metrics: metrics.plan }),
        benefits: httpSource(SOURCES['benefit-index'], {
          ...of('benefits'),
          metrics: metrics.plan,
        }),
        interventions: httpSource(SOURCES['intervention-index'], {
          ...of('interventions'),
          metrics: metrics.plan,
        }),
      },
      screening: createHttpScreeningRecordsSource({
        ...settings,
        baseUrl: sims.bySource['case-index'].url,
        metrics: metrics.screening,
      }),
    };
  };
}

/** Reads one sample of a metric from a registry's text (undefined when absent). */
export async function metricValue(
  metrics: Metrics,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = (
    metric?.values as { labels: Record<string, string | number>; value: number }[] | undefined
  )?.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l));
  return value?.value;
}

/** One source request at a simulator: its arrival, or the moment its answer was sent. */
export interface SourceEvent {
  readonly source: SourceName;
  readonly kind: 'start' | 'end';
}

/**
 * Watches the batch requests that reach the simulators, in the order they arrive and are
 * answered. `take` returns (and forgets) the events so far.
 */
export function watchSourceRequests(simulators: Simulators) {
  const events: SourceEvent[] = [];
  const listeners = SOURCE_NAMES.map((source) => {
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      if (req.url !== `/sources/${source}/citizens:batch`) return;
      events.push({ source, kind: 'start' });
      // 'finish': the answer is handed to the socket, before the caller can have read it.
      res.once('finish', () => events.push({ source, kind: 'end' }));
    };
    simulators.bySource[source].http.on('request', listener);
    return () => simulators.bySource[source].http.off('request', listener);
  });
  return {
    take: (): SourceEvent[] => events.splice(0),
    stop: () => listeners.forEach((off) => off()),
  };
}
