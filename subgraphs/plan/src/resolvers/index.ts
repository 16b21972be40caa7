/** The plan subgraph's resolver map. */
import { scalarResolvers } from '@hoi/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Citizen } from './Citizen.js';
import { HoiPlan } from './HoiPlan.js';
import { Mutation } from './Mutation.js';

/** All resolvers of the plan subgraph. */
export const resolvers: Resolvers = { ...scalarResolvers, Citizen, HoiPlan, Mutation };
