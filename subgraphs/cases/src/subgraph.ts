/** The cases subgraph: the case index (Sags- og dokumentindeks) as part of the citizen overview. */
import { caseIndex } from '@hoi/sources';
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
    cases: (citizen, _args, ctx, info) =>
      orEmptyOnSourceFailure(ctx, info, [], () => loadVisible(ctx.grants, citizen, ctx.records)),
  },
};

/** The cases subgraph: its schema, its source and its resolvers. */
export const cases = defineIndexSubgraph({
  name: 'cases',
  schema: new URL('../schema.graphql', import.meta.url),
  source: caseIndex,
  resolvers,
});
