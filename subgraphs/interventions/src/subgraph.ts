/** The interventions subgraph: the intervention index (Indsatsindeks) as part of the citizen overview. */
import { interventionIndex } from '@hoi/sources';
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
    interventions: (citizen, _args, ctx, info) =>
      orEmptyOnSourceFailure(ctx, info, [], () => loadVisible(ctx.grants, citizen, ctx.records)),
  },
  // The record keeps the period's ends flat; the API nests them.
  Intervention: {
    period: (intervention) => ({ start: intervention.start, end: intervention.end }),
  },
};

/** The interventions subgraph: its schema, its source and its resolvers. */
export const interventions = defineIndexSubgraph({
  name: 'interventions',
  schema: new URL('../schema.graphql', import.meta.url),
  source: interventionIndex,
  resolvers,
});
