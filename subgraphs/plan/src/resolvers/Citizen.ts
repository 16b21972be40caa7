/**
 * Reading the plan and the timeline: only through the consent subgraph's grant (which proves
 * the citizen was opened and the read audited there), and only the areas it makes visible.
 */
import type { GraphQLResolveInfo } from 'graphql';
import {
  badUserInput,
  timelineOf,
  visiblePlan,
  type PlanRecord,
  type SectorArea,
} from '@hoi/domain';
import {
  loadVisible,
  orEmptyOnSourceFailure,
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

/**
 * A source's records of the visible areas, by the very function the lists use (loadVisible:
 * the same grant check and filter). A failing source gives no items and a SOURCE_UNAVAILABLE
 * error at the timeline's path, like the list it would have filled.
 */
function visibleRecords<T extends { readonly area: SectorArea }>(
  loader: { load(cpr: string): Promise<readonly T[]> },
  citizen: CitizenRef,
  ctx: PlanContext,
  info: GraphQLResolveInfo,
): Promise<T[]> {
  return orEmptyOnSourceFailure(ctx, info, [], () =>
    loadVisible(ctx.deps.grants, citizen, ctx.access, loader),
  );
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
    // The grant checks of the lists, and the plan's: the timeline can show nothing they don't.
    const visible = visibleAreas(ctx.deps.grants, citizen, ctx.access);
    const [cases, benefits, interventions, plan] = await Promise.all([
      visibleRecords(ctx.cases, citizen, ctx, info),
      visibleRecords(ctx.benefits, citizen, ctx, info),
      visibleRecords(ctx.interventions, citizen, ctx, info),
      orEmptyOnSourceFailure(ctx, info, null, () => visiblePlanOf(citizen, visible, ctx)),
    ]);
    return timelineOf({ cases, benefits, interventions, plan }, { from, to });
  },
};
