/** The consent subgraph's resolver map. */
import { scalarResolvers } from '@hoi/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Citizen } from './Citizen.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

/** All resolvers of the consent subgraph. */
export const resolvers: Resolvers = { ...scalarResolvers, Query, Mutation, Citizen };
