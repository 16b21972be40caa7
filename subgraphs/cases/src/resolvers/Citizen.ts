/** Citizen fields of the case index. */
import { loadVisible, resolveCitizenRef } from '../../../shared/src/citizenRef.js';
import { orEmptyOnSourceFailure } from '../../../shared/src/partialResults.js';
import type { CitizenResolvers } from '../__generated__/resolvers-types.js';

/** Resolvers of `Citizen`. */
export const Citizen: CitizenResolvers = {
  __resolveReference: (ref) => resolveCitizenRef(ref),
  // A failing source answers [] plus a SOURCE_UNAVAILABLE error: the rest of the overview stays.
  cases: (citizen, _args, ctx, info) =>
    orEmptyOnSourceFailure(ctx, info, [], () => loadVisible(ctx.grants, citizen, ctx.casesByCitizen)),
};
