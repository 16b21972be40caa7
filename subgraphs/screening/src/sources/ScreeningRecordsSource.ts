/**
 * What screening reads per citizen: cases, benefits and interventions, from the three index
 * sources. Embedded: one dataset lookup. HTTP: the case, benefit and intervention index
 * sources of @hoi/sources (same upstream, same validation as the data subgraphs), in parallel.
 * The projection reads the same three sources whole, through their bulk exports.
 */
import type { Dataset } from '@hoi/dataset';
import {
  benefitIndex,
  caseIndex,
  createEmbeddedSource,
  httpExport,
  httpSource,
  interventionIndex,
  type CitizenSource,
  type HttpCitizenSource,
  type HttpSourceSettings,
} from '@hoi/sources';
import type { CitizenRecords } from '../eligibility.js';
import type { ScreeningExports } from '../projection/exportFeed.js';

/** Reads the records screening decides on, per citizen. */
export type ScreeningRecordsSource = CitizenSource<CitizenRecords>;

const NONE: CitizenRecords = Object.freeze({ cases: [], benefits: [], interventions: [] });

/** Over the embedded synthetic dataset. */
export function createEmbeddedScreeningRecordsSource(dataset: Dataset): ScreeningRecordsSource {
  return createEmbeddedSource('screening-records', dataset, (c) =>
    c ? { cases: c.cases, benefits: c.benefits, interventions: c.interventions } : NONE,
  );
}

/** Over HTTP (SOURCE_MODE=http): the three index sources, one call each per batch. */
export function createHttpScreeningRecordsSource(
  settings: HttpSourceSettings,
): HttpCitizenSource<CitizenRecords> {
  const cases = httpSource(caseIndex, settings);
  const benefits = httpSource(benefitIndex, settings);
  const interventions = httpSource(interventionIndex, settings);
  const all = [cases, benefits, interventions];
  return {
    name: 'screening-records',
    async fetchMany(cprs) {
      const [c, b, i] = await Promise.all([
        cases.fetchMany(cprs),
        benefits.fetchMany(cprs),
        interventions.fetchMany(cprs),
      ]);
      return cprs.map((_, k) => ({
        cases: c[k] ?? [],
        benefits: b[k] ?? [],
        interventions: i[k] ?? [],
      }));
    },
    // Screening needs all three: it is ready only while all answer.
    ready: async () => (await Promise.all(all.map((s) => s.ready()))).every(Boolean),
    close: async () => void (await Promise.all(all.map((s) => s.close()))),
  };
}

/** The three index sources' bulk exports (SOURCE_MODE=http), for the projection. */
export function createHttpScreeningExports(
  settings: HttpSourceSettings,
): ScreeningExports & { close(): Promise<void> } {
  const exports = {
    cases: httpExport(caseIndex, settings),
    benefits: httpExport(benefitIndex, settings),
    interventions: httpExport(interventionIndex, settings),
  };
  return {
    ...exports,
    close: async () => void (await Promise.all(Object.values(exports).map((e) => e.close()))),
  };
}
