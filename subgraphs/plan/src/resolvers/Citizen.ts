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
  isSourceError,
  recordPartialError,
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
 * A source's records of the visible areas. A failing source gives no items and a
 * SOURCE_UNAVAILABLE error at the timeline's path, like the list it would have filled.
 */
async function visibleRecords<T extends { readonly area: SectorArea }>(
  loader: { load(cpr: string): Promise<readonly T[]> },
  citizen: CitizenRef,
  visible: ReadonlySet<SectorArea>,
  ctx: PlanContext,
  info: GraphQLResolveInfo,
): Promise<T[]> {
  if (visible.size === 0) return [];
  try {
    return (await loader.load(citizen.cpr)).filter((r) => visible.has(r.area));
  } catch (err) {
    if (!isSourceError(err)) throw err;
    recordPartialError(ctx, info, err);
    return [];
  }
}

/** Resolvers of `Citizen`. */
export const Citizen: CitizenResolvers<PlanContext> = {
  __resolveReference: resolveCitizenRef,
  hoiPlan: (citizen, _args, ctx) => {
    requireReader(ctx);
    return visiblePlanOf(citizen, visibleAreas(ctx.deps.grants, citizen), ctx);
  },
  timeline: async (citizen, { from, to }, ctx, info) => {
    requireReader(ctx);
    if (from && to && from > to) {
      throw badUserInput(`from (${from}) must not be after to (${to})`, { argument: 'from' });
    }
    // One grant check for every list the timeline is made of: it can show nothing they don't.
    const visible = visibleAreas(ctx.deps.grants, citizen);
    const [cases, benefits, interventions, plan] = await Promise.all([
      visibleRecords(ctx.cases, citizen, visible, ctx, info),
      visibleRecords(ctx.benefits, citizen, visible, ctx, info),
      visibleRecords(ctx.interventions, citizen, visible, ctx, info),
      visiblePlanOf(citizen, visible, ctx),
    ]);
    return timelineOf({ cases, benefits, interventions, plan }, { from, to });
  },
};
