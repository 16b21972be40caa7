/** The cases subgraph: the case index (Sags- og dokumentindeks) as part of the citizen overview. */
import { caseIndex } from '@hoi/sources';
import {
  defineIndexSubgraph,
  resolveCitizenRef,
  scalarResolvers,
  visibleRecordsOf,
} from '@hoi/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types.js';

const resolvers: Resolvers = {
  ...scalarResolvers,
  Citizen: {
    __resolveReference: resolveCitizenRef,
    cases: visibleRecordsOf,
  },
};

/** The cases subgraph: its schema, its source and its resolvers. */
export const cases = defineIndexSubgraph({
  name: 'cases',
  schema: new URL('../schema.graphql', import.meta.url),
  source: caseIndex,
  resolvers,
});
