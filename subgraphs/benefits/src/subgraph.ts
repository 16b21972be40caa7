/** The benefits subgraph: the benefit index (Ydelsesindeks) as part of the citizen overview. */
import { benefitIndex } from '@hoi/sources';
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
    benefits: visibleRecordsOf,
  },
  Benefit: { period: periodOf },
};

/** The benefits subgraph: its schema, its source and its resolvers. */
export const benefits = defineIndexSubgraph({
  name: 'benefits',
  schema: new URL('../schema.graphql', import.meta.url),
  source: benefitIndex,
  resolvers,
});
