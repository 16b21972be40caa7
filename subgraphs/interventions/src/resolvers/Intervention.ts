/** Intervention fields that differ from the stored record. */
import type { InterventionResolvers } from '../__generated__/resolvers-types.js';

/** Resolvers of `Intervention`. */
export const Intervention: InterventionResolvers = {
  period: (intervention) => ({ start: intervention.start, end: intervention.end }),
};
