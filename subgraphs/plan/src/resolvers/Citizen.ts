/**
 * Reading the plan and the timeline: only through the consent subgraph's grant (which proves
 * the citizen was opened and the read audited there), and only the areas it makes visible.
 */
import {
  badUserInput,
  timelineOf,
  visiblePlan,
  type PlanRecord,
  type SectorArea,
} from '@hoi/domain';
import {
  orEmptyOnSourceFailure,
  visibleRecordsFrom,
  resolveCitizenRef,
  visibleAreas,
  type CitizenRef,
} from '@hoi/subgraph-kit';
import type { CitizenResolvers } from '../__generated__/resolvers-types.js';
import { requireReader } from '../access.js';
import type { PlanContext } from '../context.js';

/** The citizen's plan with the visible elements, or null (no plan, or nothing visible). */
async function visiblePlanOf(
  citizen: CitizenRef,
  visible: ReadonlySet<SectorArea>,
  ctx: PlanContext,
): Promise<PlanRecord | null> {
  if (visible.size === 0) return null;
  const plan = await ctx.plans.load(citizen.cpr);
  return plan ? visiblePlan(plan, visible) : null;
}

/** Resolvers of `Citizen`. */
export const Citizen: CitizenResolvers<PlanContext> = {
  __resolveReference: resolveCitizenRef,
  hoiPlan: (citizen, _args, ctx) => {
    requireReader(ctx);
    return visiblePlanOf(citizen, visibleAreas(ctx.deps.grants, citizen, ctx.access), ctx);
  },
  timeline: async (citizen, { from, to }, ctx, info) => {
    requireReader(ctx);
    if (from && to && from > to) {
      throw badUserInput(`from (${from}) must not be after to (${to})`, { argument: 'from' });
    }
    // The lists' own function and grant check, and the plan's: the timeline can show nothing
    // they don't.
    const visible = visibleAreas(ctx.deps.grants, citizen, ctx.access);
    const [cases, benefits, interventions, plan] = await Promise.all([
      visibleRecordsFrom(ctx.cases, ctx.deps.grants, citizen, ctx, info),
      visibleRecordsFrom(ctx.benefits, ctx.deps.grants, citizen, ctx, info),
      visibleRecordsFrom(ctx.interventions, ctx.deps.grants, citizen, ctx, info),
      orEmptyOnSourceFailure(ctx, info, null, () => visiblePlanOf(citizen, visible, ctx)),
    ]);
    return timelineOf({ cases, benefits, interventions, plan }, { from, to });
  },
};
