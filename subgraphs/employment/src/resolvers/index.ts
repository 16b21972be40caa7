/** The employment subgraph's resolver map. */
import { scalarResolvers } from '../../../shared/src/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Citizen } from './Citizen.js';

/** All resolvers of the employment subgraph. */
export const resolvers: Resolvers = { ...scalarResolvers, Citizen };
