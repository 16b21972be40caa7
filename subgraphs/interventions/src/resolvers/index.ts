/** The interventions subgraph's resolver map. */
import { scalarResolvers } from '../../../shared/src/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Citizen } from './Citizen.js';
import { Intervention } from './Intervention.js';

/** All resolvers of the interventions subgraph. */
export const resolvers: Resolvers = { ...scalarResolvers, Citizen, Intervention };
