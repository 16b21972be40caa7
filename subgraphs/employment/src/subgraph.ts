/** The employment subgraph: dFDG / Min Plan (employment status) as part of the citizen overview. */
import { employmentDfdg } from '@hoi/sources';
import {
  defineIndexSubgraph,
  orEmptyOnSourceFailure,
  resolveCitizenRef,
  scalarResolvers,
  visibleAreas,
} from '@hoi/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types.js';

const resolvers: Resolvers = {
  ...scalarResolvers,
  Citizen: {
    __resolveReference: resolveCitizenRef,
    // Employment status is EMPLOYMENT data as a whole: null unless that area is visible.
    employment: async (citizen, _args, ctx, info) => {
      if (!visibleAreas(ctx.grants, citizen, ctx.access).has('EMPLOYMENT')) return null;
      return orEmptyOnSourceFailure(ctx, info, null, () => ctx.records.load(citizen.cpr));
    },
  },
};

/** The employment subgraph: its schema, its source and its resolvers. */
export const employment = defineIndexSubgraph({
  name: 'employment',
  schema: new URL('../schema.graphql', import.meta.url),
  source: employmentDfdg,
  resolvers,
});
