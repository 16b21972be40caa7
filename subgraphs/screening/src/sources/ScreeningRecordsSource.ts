/**
 * What screening reads per citizen: cases, benefits and interventions, from the three index
 * sources. Embedded: one dataset lookup. HTTP: the case, benefit and intervention index
 * adapters of the data subgraphs (same upstream, same validation), called in parallel.
 */
import type { Dataset } from '../../../../dataset/src/dataset.js';
import { createHttpBenefitIndexSource } from '../../../benefits/src/sources/BenefitIndexSource.js';
import { createHttpCaseIndexSource } from '../../../cases/src/sources/CaseIndexSource.js';
import { createHttpInterventionIndexSource } from '../../../interventions/src/sources/InterventionIndexSource.js';
import { createEmbeddedSource, type CitizenSource } from '../../../shared/src/citizenSource.js';
import type { HttpCitizenSource, HttpSourceSettings } from '../../../shared/src/httpSource.js';
import type { CitizenRecords } from '../eligibility.js';

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
export function createHttpScreeningRecordsSource(settings: HttpSourceSettings): HttpCitizenSource<CitizenRecords> {
  const cases = createHttpCaseIndexSource(settings);
  const benefits = createHttpBenefitIndexSource(settings);
  const interventions = createHttpInterventionIndexSource(settings);
  const all = [cases, benefits, interventions];
  return {
    name: 'screening-records',
    async fetchMany(cprs) {
      const [c, b, i] = await Promise.all([cases.fetchMany(cprs), benefits.fetchMany(cprs), interventions.fetchMany(cprs)]);
      return cprs.map((_, k) => ({ cases: c[k] ?? [], benefits: b[k] ?? [], interventions: i[k] ?? [] }));
    },
    // Screening needs all three: it is ready only while all answer.
    ready: async () => (await Promise.all(all.map((s) => s.ready()))).every(Boolean),
    close: async () => void (await Promise.all(all.map((s) => s.close()))),
  };
}
