/** Root queries: every citizen read starts here, so access is decided and audited here. */
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { openCitizen, requirePrincipal } from '../citizenAccess.js';
import { forbidden } from '../../../shared/src/errors.js';

/** Resolvers of `Query`. */
export const Query: QueryResolvers = {
  citizen: (_root, { cpr }, ctx) => openCitizen(cpr, ctx),
  me: (_root, _args, ctx) => {
    const principal = requirePrincipal(ctx);
    if (principal.role !== 'citizen') throw forbidden('me is for the citizen role only');
    return openCitizen(principal.sub, ctx);
  },
};
