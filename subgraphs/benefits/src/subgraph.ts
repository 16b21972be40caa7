/** The benefits subgraph: the benefit index (Ydelsesindeks) as part of the citizen overview. */
import { benefitIndex } from '@hoi/sources';
import {
  defineIndexSubgraph,
  loadVisible,
  orEmptyOnSourceFailure,
  resolveCitizenRef,
  scalarResolvers,
} from '@hoi/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types.js';

const resolvers: Resolvers = {
  ...scalarResolvers,
  Citizen: {
    __resolveReference: (ref) => resolveCitizenRef(ref),
    // A failing source answers [] plus a SOURCE_UNAVAILABLE error: the rest of the overview stays.
    benefits: (citizen, _args, ctx, info) =>
      orEmptyOnSourceFailure(ctx, info, [], () => loadVisible(ctx.grants, citizen, ctx.records)),
  },
  // The record keeps the period's ends flat; the API nests them.
  Benefit: {
    period: (benefit) => ({ start: benefit.start, end: benefit.end }),
  },
};

/** The benefits subgraph: its schema, its source and its resolvers. */
export const benefits = defineIndexSubgraph({
  name: 'benefits',
  schema: new URL('../schema.graphql', import.meta.url),
  source: benefitIndex,
  resolvers,
});
