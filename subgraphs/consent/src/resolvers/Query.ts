/** Root queries: every citizen read starts here, so access is decided and audited here. */
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { openCitizen, readOpening, requirePrincipal } from '../citizenAccess.js';
import { badUserInput, forbidden } from '@hoi/domain';

/** Largest number of citizens in one `citizens` request. */
export const MAX_CITIZENS_PER_REQUEST = 500;

/** Resolvers of `Query`. */
export const Query: QueryResolvers = {
  citizen: (_root, { cpr }, ctx, info) => openCitizen(cpr, ctx, readOpening(info)),
  citizens: (_root, { cprs }, ctx, info) => {
    if (cprs.length > MAX_CITIZENS_PER_REQUEST) {
      throw badUserInput(
        `cprs may hold at most ${MAX_CITIZENS_PER_REQUEST} CPR numbers, got ${cprs.length}`,
      );
    }
    const opening = readOpening(info);
    return Promise.all(cprs.map((cpr) => openCitizen(cpr, ctx, opening)));
  },
  me: (_root, _args, ctx, info) => {
    const principal = requirePrincipal(ctx);
    if (principal.role !== 'citizen') throw forbidden('me is for the citizen role only');
    return openCitizen(principal.sub, ctx, readOpening(info));
  },
};
