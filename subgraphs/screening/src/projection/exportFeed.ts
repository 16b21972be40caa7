/**
 * The projection's bulk read over HTTP (issue 16): the case, benefit and intervention
 * indexes' exports (@hoi/sources citizenExport.ts), streamed at the same time and joined by
 * CPR. It replaced reading the roster through per-citizen batches: 2,000 batches of 500 in
 * series at a million citizens, each paying the sources' latency, were most of the start-up.
 *
 * The join keeps little: only a citizen with an open EMPLOYMENT case and no open HOI case
 * can be in a group, whatever the other two sources say, so the case index alone rules out
 * everybody else at once; from the benefit and intervention indexes only the keys of
 * citizens with an active listed benefit, or an active social intervention, are kept. Each
 * is a list of numbers (screeningKey.ts), sorted and merged at the end: no CPR strings, no
 * maps, and no assumption that the sources list citizens in one order.
 */
import {
  SECTOR_AREAS,
  type BenefitRecord,
  type CaseRecord,
  type InterventionRecord,
  type SectorArea,
} from '@hoi/domain';
import type { CitizenExport } from '@hoi/sources';
import { caseFacts, hasListedBenefit, hasSocialIntervention } from '../eligibility.js';
import type { ScreeningFeed } from './feed.js';
import { NumberList } from './numberList.js';
import { screeningKeyOf } from './screeningKey.js';

/** The three exports screening reads. */
export interface ScreeningExports {
  readonly cases: CitizenExport<readonly CaseRecord[]>;
  readonly benefits: CitizenExport<readonly BenefitRecord[]>;
  readonly interventions: CitizenExport<readonly InterventionRecord[]>;
}

/** Possible candidates are kept as `key · 64 + open-case area bits` (< 2⁵³). */
const AREA_SPACE = 64;
/** Progress is reported every this many citizens of the case index. */
const PROGRESS_EVERY = 50_000;

/** The three exports, joined into the projection's citizens. */
export function createExportFeed(exports: ScreeningExports): ScreeningFeed {
  return {
    async readInto(builder, options) {
      const { factsDate, onProgress } = options;
      const possible = new NumberList();
      const listed = new NumberList();
      const social = new NumberList();
      let read = 0;
      // One failing export stops the other two: the read fails whole.
      const stop = new AbortController();
      const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
      const reads = [
        exports.cases.read(
          (cpr, cases) => {
            const facts = caseFacts(cases, factsDate);
            if (facts.employmentCase && !facts.hoiCase)
              possible.push(screeningKeyOf(cpr) * AREA_SPACE + areaBits(facts.openCaseAreas));
            else builder.skip();
            if (++read % PROGRESS_EVERY === 0) onProgress?.(read);
          },
          { signal },
        ),
        exports.benefits.read(
          (cpr, benefits) => {
            if (hasListedBenefit(benefits, factsDate)) listed.push(screeningKeyOf(cpr));
          },
          { signal },
        ),
        exports.interventions.read(
          (cpr, interventions) => {
            if (hasSocialIntervention(interventions, factsDate)) social.push(screeningKeyOf(cpr));
          },
          { signal },
        ),
      ];
      try {
        await Promise.all(reads);
      } catch (err) {
        stop.abort();
        await Promise.allSettled(reads);
        throw err;
      }
      onProgress?.(read, read);
      const withBenefit = listed.sorted();
      const withIntervention = social.sorted();
      let b = 0;
      let i = 0;
      for (const entry of possible.sorted()) {
        const key = Math.floor(entry / AREA_SPACE);
        while (b < withBenefit.length && (withBenefit[b] as number) < key) b++;
        while (i < withIntervention.length && (withIntervention[i] as number) < key) i++;
        builder.addKey(key, {
          employmentCase: true,
          hoiCase: false,
          openCaseAreas: areasOf(entry - key * AREA_SPACE),
          listedBenefit: withBenefit[b] === key,
          socialIntervention: withIntervention[i] === key,
        });
      }
    },
  };
}

function areaBits(areas: readonly SectorArea[]): number {
  let bits = 0;
  for (const area of areas) bits |= 1 << SECTOR_AREAS.indexOf(area);
  return bits;
}

function areasOf(bits: number): SectorArea[] {
  return SECTOR_AREAS.filter((_, bit) => (bits & (1 << bit)) !== 0);
}
