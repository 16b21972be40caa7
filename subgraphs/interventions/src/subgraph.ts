/** The interventions subgraph: the intervention index (Indsatsindeks) as part of the citizen overview. */
import { interventionIndex } from '@hoi/sources';
import {
  defineIndexSubgraph,
  periodOf,
  resolveCitizenRef,
  scalarResolvers,
  visibleRecordsOf,
} from '@hoi/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types.js';

const resolvers: Resolvers = {
  ...scalarResolvers,
  Citizen: {
    __resolveReference: resolveCitizenRef,
    interventions: visibleRecordsOf,
  },
  Intervention: { period: periodOf },
};

/** The interventions subgraph: its schema, its source and its resolvers. */
export const interventions = defineIndexSubgraph({
  name: 'interventions',
  schema: new URL('../schema.graphql', import.meta.url),
  source: interventionIndex,
  resolvers,
});
