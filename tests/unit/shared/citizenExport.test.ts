/**
 * A source's bulk export (issue 16): the simulator's `citizens:export` route and the reader
 * over it (`httpExport`), on port 0: every citizen once, checked, with the end line; faults
 * and cut streams fail the whole read with the reason.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '@hoi/dataset';
import { createSimulator, HEALTHY, type Faults, type Simulator } from '@hoi/simulator';
import {
  caseIndex,
  employmentDfdg,
  exportEndLine,
  exportLine,
  httpExport,
  SOURCES,
  type CitizenExport,
  type SourceDefinition,
} from '@hoi/sources';

const dataset = createDataset({ seed: 4, citizens: 700, referenceDate: '2026-01-15' });
let simulator: Simulator;

beforeAll(async () => {
  simulator = createSimulator({ dataset });
  await simulator.listen(0);
});
afterAll(async () => simulator?.close());

function reader<T>(definition: SourceDefinition<T>, url = simulator.url, timeoutMs = 1_000) {
  return httpExport(definition, { baseUrl: url, timeoutMs, retries: 0 });
}

async function readAll<T>(e: CitizenExport<T>): Promise<{ count: number; seen: [string, T][] }> {
  const seen: [string, T][] = [];
  try {
    const count = await e.read((cpr, record) => seen.push([cpr, record]));
    return { count, seen };
  } finally {
    await e.close();
  }
}

const fault = (faults: Partial<Faults>) =>
  simulator.setFaults('case-index', { ...HEALTHY, ...faults });

describe('httpExport over the simulator', () => {
  it.each(Object.values(SOURCES) as SourceDefinition<unknown>[])(
    'reads every citizen of $name once, in the dataset order, as the batch answers them',
    async (definition) => {
      const { count, seen } = await readAll(reader(definition));
      expect(count).toBe(dataset.size);
      expect(seen.map(([cpr]) => cpr)).toEqual(
        Array.from({ length: dataset.size }, (_, i) => dataset.cprAt(i)),
      );
      for (const [i, [, record]] of seen.entries())
        expect(record).toEqual(definition.project(dataset.at(i)));
    },
  );

  it('reads the three index exports at the same time, generating each citizen once', async () => {
    const sim = createSimulator({ dataset });
    await sim.listen(0);
    try {
      const counts = await Promise.all(
        (['case-index', 'benefit-index', 'intervention-index'] as const).map(async (name) => {
          const e = reader(SOURCES[name] as SourceDefinition<unknown>, sim.url);
          return (await readAll(e)).count;
        }),
      );
      expect(counts).toEqual([dataset.size, dataset.size, dataset.size]);
      const stats = (await (await fetch(`${sim.url}/admin/stats`)).json()) as {
        exports: Record<string, number>;
        exportChunksGenerated: number;
      };
      expect(stats.exports['case-index']).toBe(1);
      // 700 citizens in chunks of 256: three chunks, each generated once for all three.
      expect(stats.exportChunksGenerated).toBe(3);
    } finally {
      await sim.close();
    }
  });

  it.each([
    ['an error status', { errorRate: 1, errorStatus: 503 }, 'HTTP_STATUS'],
    ['a stream cut half-way', { malformedRate: 1 }, 'MALFORMED'],
    ['a connection reset mid-stream', { resetRate: 1 }, 'CONNECTION'],
    ['records of the wrong shape', { wrongShapeRate: 1 }, 'MALFORMED'],
    ['a dropped connection', { down: true }, 'CONNECTION'],
    ['no answer within the time budget', { latencyMs: 1_500 }, 'TIMEOUT'],
  ] as const)('fails the whole read on %s (%j): reason %s', async (_what, faults, reason) => {
    await fault(faults);
    try {
      await expect(readAll(reader(caseIndex))).rejects.toMatchObject({
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'case-index', reason },
      });
    } finally {
      simulator.resetFaults();
    }
  });
});

describe('httpExport', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  async function upstream(body: (res: ServerResponse) => void): Promise<string> {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      body(res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const employment = {
    contactGroup: '2.2',
    visitation: null,
    jobGoals: [],
    registeredSince: '2025-01-01',
  };

  it('accepts lines split anywhere across chunks, and an end line without a newline', async () => {
    const url = await upstream((res) => {
      const text = exportLine('650190-1234', employment) + exportEndLine(1).trimEnd();
      for (let i = 0; i < text.length; i += 7) res.write(text.slice(i, i + 7));
      res.end();
    });
    const { count, seen } = await readAll(reader(employmentDfdg, url));
    expect(count).toBe(1);
    expect(seen.map(([cpr]) => cpr)).toEqual(['650190-1234']);
  });

  it.each([
    ['no end line', exportLine('650190-1234', employment)],
    ['an end line with another count', exportLine('650190-1234', employment) + exportEndLine(2)],
    ['a line after the end line', exportEndLine(0) + exportLine('650190-1234', employment)],
    ['a line without a well-formed CPR', exportLine('not a cpr', employment) + exportEndLine(1)],
    ['a line that is not JSON', `{"cpr":\n${exportEndLine(0)}`],
  ])('refuses an export with %s as MALFORMED', async (_what, text) => {
    const url = await upstream((res) => res.end(text));
    await expect(readAll(reader(employmentDfdg, url))).rejects.toMatchObject({
      extensions: { code: 'SOURCE_UNAVAILABLE', reason: 'MALFORMED' },
    });
  });
});
