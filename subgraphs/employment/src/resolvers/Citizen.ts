/** Citizen fields of DFDG / Min Plan. */
import { resolveCitizenRef, visibleAreas } from '../../../shared/src/citizenRef.js';
import { orEmptyOnSourceFailure } from '../../../shared/src/partialResults.js';
import type { CitizenResolvers } from '../__generated__/resolvers-types.js';

/** Resolvers of `Citizen`. */
export const Citizen: CitizenResolvers = {
  __resolveReference: (ref) => resolveCitizenRef(ref),
  // Employment status is EMPLOYMENT data as a whole: null unless that area is visible.
  employment: async (citizen, _args, ctx, info) => {
    if (!visibleAreas(ctx.grants, citizen).has('EMPLOYMENT')) return null;
    return orEmptyOnSourceFailure(ctx, info, null, () => ctx.employmentByCitizen.load(citizen.cpr));
  },
};
