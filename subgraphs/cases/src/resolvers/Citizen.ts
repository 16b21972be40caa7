/** Citizen fields of the case index. */
import { loadVisible, resolveCitizenRef } from '../../../shared/src/citizenRef.js';
import type { CitizenResolvers } from '../__generated__/resolvers-types.js';

/** Resolvers of `Citizen`. */
export const Citizen: CitizenResolvers = {
  __resolveReference: (ref) => resolveCitizenRef(ref),
  cases: (citizen, _args, ctx) => loadVisible(ctx.grants, citizen, ctx.casesByCitizen),
};
