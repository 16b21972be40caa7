/** The benefits subgraph's resolver map. */
import { scalarResolvers } from '../../../shared/src/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Benefit } from './Benefit.js';
import { Citizen } from './Citizen.js';

/** All resolvers of the benefits subgraph. */
export const resolvers: Resolvers = { ...scalarResolvers, Citizen, Benefit };
