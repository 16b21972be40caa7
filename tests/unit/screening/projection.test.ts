/**
 * The screening projection: keys that hold the CPR and order by birth date, per-day lists,
 * cursor paging, decisions, refreshes, and sealed cursors.
 */
import { describe, expect, it } from 'vitest';
import { createDataset } from '@hoi/dataset';
import { ageOn, parseCpr, sourceUnavailable, type CitizenRecord } from '@hoi/domain';
import {
  ageOnYmd,
  birthYmdOfKey,
  buildSnapshot,
  cprOfKey,
  createCursorCodec,
  createDatasetFeed,
  createExportFeed,
  createHttpScreeningExports,
  registerProjectionMetrics,
  type ScreeningExports,
  type ScreeningFacts,
  screeningKeyOf,
  ScreeningProjection,
  SnapshotBuilder,
  ymdOf,
} from '@hoi/subgraph-screening';
import { createMetrics } from '@hoi/platform';
import type { CitizenExport } from '@hoi/sources';
import { createSimulator } from '@hoi/simulator';

describe('screeningKeyOf', () => {
  it('holds the whole CPR and orders by birth date', () => {
    const ds = createDataset({ seed: 3, citizens: 20_000, referenceDate: '2026-01-15' });
    const cprs = [
      ...Array.from({ length: 20_000 }, (_, i) => ds.cprAt(i)),
      '010190-1234',
      '311299-4321',
      '290200-4000',
      '610190-1234',
    ];
    for (const cpr of cprs) expect(cprOfKey(screeningKeyOf(cpr))).toBe(cpr);
    const byKey = [...cprs].sort((a, b) => screeningKeyOf(a) - screeningKeyOf(b));
    const births = byKey.map((c) => parseCpr(c).birthDate);
    expect(births).toEqual([...births].sort());
    // A replacement number and the real one of the same date and serial stay apart.
    expect(screeningKeyOf('010190-1234')).not.toBe(screeningKeyOf('610190-1234'));
  });

  it('gives the age of cpr.ts ageOn', () => {
    for (const cpr of ['150101-4123', '290200-4000', '010158-7123', '311299-0001']) {
      for (const day of ['2025-02-28', '2025-03-01', '2026-01-14', '2026-01-15', '2026-12-31']) {
        expect(ageOnYmd(birthYmdOfKey(screeningKeyOf(cpr)), ymdOf(day))).toBe(
          ageOn(parseCpr(cpr).birthDate, day),
        );
      }
    }
  });
});

const facts = (over: Partial<ScreeningFacts> = {}): ScreeningFacts => ({
  employmentCase: true,
  listedBenefit: true,
  socialIntervention: true,
  openCaseAreas: ['EMPLOYMENT', 'SOCIAL_ADULT'],
  hoiCase: false,
  ...over,
});

function projectionOf(citizens: [string, ScreeningFacts][]): ScreeningProjection {
  const builder = new SnapshotBuilder(new Date('2026-01-15T08:00:00Z'), '2026-01-15');
  for (const [cpr, f] of citizens) builder.add(cpr, f);
  const projection = new ScreeningProjection();
  projection.replace(builder.finish());
  return projection;
}

describe('ScreeningProjection', () => {
  const citizens: [string, ScreeningFacts][] = [
    ['150101-4001', facts()], // turns 25 on 2026-01-15
    ['010180-0002', facts()],
    ['010170-0003', facts({ listedBenefit: false })], // optional only
    ['010160-0004', facts({ hoiCase: true })], // has an HOI case: never listed
    ['010150-0005', facts({ employmentCase: false })], // no group
    ['150108-4006', facts({ listedBenefit: false, openCaseAreas: ['EMPLOYMENT', 'HEALTH'] })], // turns 18 on 2026-01-15
    ['010190-0007', facts({ openCaseAreas: ['EMPLOYMENT'], socialIntervention: false })], // one area: no group
  ];

  it('keeps only possible candidates and lists them per group, oldest first', () => {
    const p = projectionOf(citizens);
    expect(p.info()).toMatchObject({ ready: true, citizens: 7, candidates: 4 });
    const mandatory = p.page('MANDATORY', '2026-01-15', 10, null);
    expect(mandatory.items.map((i) => i.cpr)).toEqual(['010180-0002', '150101-4001']);
    expect(mandatory.items[1]).toMatchObject({
      age: 25,
      group: 'MANDATORY',
      openCaseAreas: ['EMPLOYMENT', 'SOCIAL_ADULT'],
    });
    const optional = p.page('OPTIONAL', '2026-01-15', 10, null);
    expect(optional.items.map((i) => [i.cpr, i.age])).toEqual([
      ['010170-0003', 56],
      ['150108-4006', 18],
    ]);
    expect(optional.items[1]?.openCaseAreas).toEqual(['EMPLOYMENT', 'HEALTH']);
  });

  it('derives the lists anew per day: ages move citizens between groups', () => {
    const p = projectionOf(citizens);
    expect(p.page('MANDATORY', '2026-01-14', 10, null).items.map((i) => i.cpr)).toEqual([
      '010180-0002',
    ]);
    // The day before turning 25 they meet the optional group; the day before 18, nothing.
    expect(p.page('OPTIONAL', '2026-01-14', 10, null).items.map((i) => i.cpr)).toEqual([
      '010170-0003',
      '150101-4001',
    ]);
  });

  it('pages by cursor key with exact totals', () => {
    const many: [string, ScreeningFacts][] = Array.from({ length: 25 }, (_, i) => [
      `0101${String(60 + i).padStart(2, '0')}-0${String(i).padStart(3, '0')}`,
      facts(),
    ]);
    const p = projectionOf(many);
    const seen: string[] = [];
    let after: number | null = null;
    for (;;) {
      const page = p.page('MANDATORY', '2026-01-15', 10, after);
      expect(page.totalCount).toBe(25);
      seen.push(...page.items.map((i) => i.cpr));
      if (!page.hasNextPage) break;
      after = page.items.at(-1)!.key;
    }
    expect(seen).toEqual(many.map(([cpr]) => cpr));
    expect(p.page('MANDATORY', '2026-01-15', 0, null)).toMatchObject({
      totalCount: 25,
      items: [],
      hasNextPage: true,
    });
  });

  it('drops an excluded citizen at once, from any page, and after a refresh', () => {
    const p = projectionOf(citizens);
    const first = p.page('MANDATORY', '2026-01-15', 1, null);
    p.exclude('150101-4001');
    const next = p.page('MANDATORY', '2026-01-15', 10, first.items[0]!.key);
    expect(next).toMatchObject({ totalCount: 1, items: [] });
    p.exclude('150101-4001'); // twice is once
    p.exclude('010101-0000'); // not a candidate: no effect
    expect(p.page('MANDATORY', '2026-01-15', 10, null).totalCount).toBe(1);
    const rebuilt = new SnapshotBuilder(new Date(), '2026-01-15');
    for (const [cpr, f] of citizens) rebuilt.add(cpr, f);
    p.replace(rebuilt.finish());
    expect(p.page('MANDATORY', '2026-01-15', 10, null).items.map((i) => i.cpr)).toEqual([
      '010180-0002',
    ]);
  });

  it('keeps one entry for a citizen read twice', () => {
    const p = projectionOf([...citizens, ['010180-0002', facts()]]);
    expect(p.page('MANDATORY', '2026-01-15', 10, null).totalCount).toBe(2);
  });

  it('waits for its first snapshot', async () => {
    const p = new ScreeningProjection();
    expect(p.ready).toBe(false);
    await expect(p.whenReady(10)).rejects.toThrow(/not built/);
    const waiting = p.whenReady(1_000);
    p.replace(new SnapshotBuilder(new Date(), '2026-01-15').finish());
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe('registerProjectionMetrics', () => {
  it('reports the projection at every scrape', async () => {
    const metrics = createMetrics('screening', { defaults: false });
    const p = new ScreeningProjection();
    registerProjectionMetrics(metrics, p);
    expect(
      await metrics.registry.getSingleMetricAsString('hoi_screening_projection_candidates'),
    ).toMatch(/ 0$/m);
    const builder = new SnapshotBuilder(new Date('2026-01-15T08:00:00Z'), '2026-01-15');
    builder.add('010180-0002', facts());
    builder.add('010150-0005', facts({ employmentCase: false }));
    p.replace(builder.finish());
    p.exclude('010180-0002');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^hoi_screening_projection_citizens\{service="screening"\} 2$/m);
    expect(text).toMatch(/^hoi_screening_projection_candidates\{service="screening"\} 1$/m);
    expect(text).toMatch(/^hoi_screening_decided_citizens\{service="screening"\} 1$/m);
    expect(text).toMatch(
      /^hoi_screening_projection_sources_as_of_seconds\{service="screening"\} 1768464000$/m,
    );
  });
});

describe('buildSnapshot', () => {
  it('reads the dataset in batches into sorted candidates', async () => {
    const ds = createDataset({ seed: 5, citizens: 3_000, referenceDate: '2026-01-15' });
    const progress: number[] = [];
    const snapshot = await buildSnapshot(createDatasetFeed(ds), {
      now: new Date('2026-01-15T10:00:00Z'),
      batchSize: 1_000,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([1_000, 2_000, 3_000]);
    expect(snapshot.citizens).toBe(3_000);
    expect(snapshot.factsDate).toBe('2026-01-15');
    expect(snapshot.entries.length).toBeGreaterThan(600);
    expect([...snapshot.entries]).toEqual([...snapshot.entries].sort((a, b) => a - b));
  });
});

/** An export over the dataset in the order of `indexes`, failing after `failAfter` citizens. */
function fakeExport<T>(
  name: string,
  ds: ReturnType<typeof createDataset>,
  pick: (c: CitizenRecord) => T,
  indexes: readonly number[],
  failAfter = Infinity,
): CitizenExport<T> & { stoppedAt: number | null } {
  const e = {
    name,
    stoppedAt: null as number | null,
    async read(each: (cpr: string, record: T) => void, options: { signal?: AbortSignal } = {}) {
      for (const [n, i] of indexes.entries()) {
        if (n === failAfter) throw sourceUnavailable(name, undefined, 'CONNECTION');
        if (options.signal?.aborted) {
          e.stoppedAt = n;
          throw options.signal.reason;
        }
        const c = ds.at(i);
        each(c.cpr, pick(c));
        // An export streams: other work (the other exports) runs between its chunks.
        if (n % 100 === 99) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return indexes.length;
    },
    close: async () => undefined,
  };
  return e;
}

describe('createExportFeed', () => {
  const ds = createDataset({ seed: 6, citizens: 3_000, referenceDate: '2026-01-15' });
  const now = new Date('2026-01-15T10:00:00Z');
  const ascending = Array.from({ length: ds.size }, (_, i) => i);
  const exportsOf = (
    orders: [readonly number[], readonly number[], readonly number[]],
    failAfter: [number, number, number] = [Infinity, Infinity, Infinity],
  ) => ({
    cases: fakeExport('case-index', ds, (c) => c.cases, orders[0], failAfter[0]),
    benefits: fakeExport('benefit-index', ds, (c) => c.benefits, orders[1], failAfter[1]),
    interventions: fakeExport(
      'intervention-index',
      ds,
      (c) => c.interventions,
      orders[2],
      failAfter[2],
    ),
  });

  it('joins the three exports into the snapshot of the dataset, whatever order each lists citizens in', async () => {
    const expected = await buildSnapshot(createDatasetFeed(ds), { now });
    const strided = ascending.map((i) => (i * 7) % ds.size);
    const exports: ScreeningExports = exportsOf([[...ascending].reverse(), strided, ascending]);
    const progress: number[] = [];
    const snapshot = await buildSnapshot(createExportFeed(exports), {
      now,
      onProgress: (done) => progress.push(done),
    });
    expect(snapshot.citizens).toBe(ds.size);
    expect(snapshot.factsDate).toBe('2026-01-15');
    expect(snapshot.entries.length).toBeGreaterThan(600);
    expect([...snapshot.entries]).toEqual([...expected.entries]);
    expect(progress.at(-1)).toBe(ds.size);
  });

  it('reads the simulator over HTTP into the same snapshot', async () => {
    const simulator = createSimulator({ dataset: ds });
    const exports = createHttpScreeningExports({
      baseUrl: await simulator.listen(0),
      timeoutMs: 2_000,
      retries: 0,
    });
    try {
      const snapshot = await buildSnapshot(createExportFeed(exports), { now });
      const expected = await buildSnapshot(createDatasetFeed(ds), { now });
      expect(snapshot.citizens).toBe(ds.size);
      expect([...snapshot.entries]).toEqual([...expected.entries]);
    } finally {
      await exports.close();
      await simulator.close();
    }
  });

  it('fails whole when one export fails, and stops the others', async () => {
    const exports = exportsOf([ascending, ascending, ascending], [Infinity, 1_000, Infinity]);
    await expect(buildSnapshot(createExportFeed(exports), { now })).rejects.toMatchObject({
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'benefit-index' },
    });
    expect(exports.cases.stoppedAt).toBeLessThan(ds.size);
    expect(exports.interventions.stoppedAt).toBeLessThan(ds.size);
  });
});

describe('createCursorCodec', () => {
  const codec = createCursorCodec('test-secret-test-secret-test-secret-0123');
  it('round-trips a key without showing it', () => {
    const key = screeningKeyOf('010180-1234');
    const cursor = codec.encode('MANDATORY', key);
    expect(cursor).not.toContain(String(key));
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('19800101');
    expect(codec.decode(cursor, 'MANDATORY')).toBe(key);
  });
  it.each([
    ['another group', (c: string) => c, 'OPTIONAL'],
    [
      'a tampered cursor',
      (c: string) => `${c.slice(0, 20)}${c[20] === 'A' ? 'B' : 'A'}${c.slice(21)}`,
      'MANDATORY',
    ],
    [
      'another secret',
      () => createCursorCodec('another-secret-another-secret-0123456').encode('MANDATORY', 1),
      'MANDATORY',
    ],
    ['garbage', () => 'not a cursor', 'MANDATORY'],
  ] as const)('refuses %s as BAD_USER_INPUT', (_why, change, group) => {
    const cursor = change(codec.encode('MANDATORY', 42));
    expect(() => codec.decode(cursor, group)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});
