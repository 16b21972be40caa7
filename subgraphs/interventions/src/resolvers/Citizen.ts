/** Citizen fields of the intervention index. */
import { onlyVisible, resolveCitizenRef, visibleAreas } from '../../../shared/src/citizenRef.js';
import type { CitizenResolvers } from '../__generated__/resolvers-types.js';

/** Resolvers of `Citizen`. */
export const Citizen: CitizenResolvers = {
  __resolveReference: (ref) => resolveCitizenRef(ref),
  interventions: async (citizen, _args, ctx) => {
    const visible = visibleAreas(ctx.grants, citizen);
    if (visible.size === 0) return [];
    return onlyVisible(await ctx.interventionsByCitizen.load(citizen.cpr), visible);
  },
};
