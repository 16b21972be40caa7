/**
 * The playground's sample citizen: one with data in several areas, found deterministically among
 * the first citizens of the running configuration's synthetic dataset (the same seed rule as the
 * subgraphs, the simulator and `npm run dataset:sample`). The dataset package is loaded, and
 * those citizens generated, only when the playground is first opened, never at start.
 */
import type { CitizenRecord, PlanRecord, SectorArea } from '@hoi/domain';
import type { PlaygroundConfig } from './playgroundConfig.js';

/** How many citizens, from the first, are considered: a bounded scan (~50 ms) at any size. */
export const SAMPLE_SCAN_CITIZENS = 500;

/** The citizen the playground's tabs are prefilled with. */
export interface PlaygroundSample {
  /** `DDMMYY-SSSS`. */
  readonly cpr: string;
  /** Areas with data (empty when unknown: a configured CPR outside the dataset). */
  readonly areas: readonly SectorArea[];
  /** The citizen's demo plan, when the plan subgraph seeds it; null otherwise. */
  readonly plan: PlanRecord | null;
  /** Where the CPR comes from, for the page's note. */
  readonly origin: string;
}

/**
 * The sample for a configuration: `PLAYGROUND_SAMPLE_CPR` when set; else (development) the
 * citizen among the first {@link SAMPLE_SCAN_CITIZENS} with data in the most areas, a demo plan
 * counting as one more area and an active consent as half of one (so the plan and consent tabs
 * show something), the lowest index among equals. Null when there is no dataset (production)
 * and no CPR is set.
 */
export async function findPlaygroundSample(
  config: PlaygroundConfig,
): Promise<PlaygroundSample | null> {
  if (config.dataset === null) {
    return config.sampleCpr === undefined
      ? null
      : { cpr: config.sampleCpr, areas: [], plan: null, origin: 'set by PLAYGROUND_SAMPLE_CPR' };
  }
  const { areasWithData, createDataset, generatePlan } = await import('@hoi/dataset');
  const dataset = createDataset(config.dataset);
  const { seed, citizens, referenceDate } = dataset.options;
  // The plan subgraph seeds demo plans for the first PLAN_DEMO_CITIZENS citizens only.
  const planOf = (citizen: CitizenRecord) =>
    citizen.index < config.demoPlanCitizens ? generatePlan(dataset, citizen) : null;
  const describe = (citizen: CitizenRecord) => ({
    areas: areasWithData(citizen),
    plan: planOf(citizen),
  });
  if (config.sampleCpr !== undefined) {
    const citizen = dataset.byCpr(config.sampleCpr);
    return {
      cpr: config.sampleCpr,
      ...(citizen ? describe(citizen) : { areas: [], plan: null }),
      origin: 'set by PLAYGROUND_SAMPLE_CPR',
    };
  }
  let best: { score: number; index: number } | null = null;
  const n = Math.min(SAMPLE_SCAN_CITIZENS, dataset.size);
  for (let index = 0; index < n; index++) {
    const citizen = dataset.at(index);
    const active = citizen.consents.some(
      (c) => c.status === 'ACTIVE' && c.validUntil >= referenceDate,
    );
    const plan = planOf(citizen) !== null;
    // An area with data counts most; a plan as much as an area; an active consent breaks ties.
    const score = 2 * areasWithData(citizen).length + (plan ? 2 : 0) + (active ? 1 : 0);
    if (best === null || score > best.score) best = { score, index };
  }
  if (best === null) return null;
  const citizen = dataset.at(best.index);
  return {
    cpr: citizen.cpr,
    ...describe(citizen),
    origin: `the best of the first ${n}: dataset seed ${seed}, ${citizens} citizens, as of ${referenceDate}`,
  };
}
