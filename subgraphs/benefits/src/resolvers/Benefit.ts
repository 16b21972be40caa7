/** Benefit fields that differ from the stored record. */
import type { BenefitResolvers } from '../__generated__/resolvers-types.js';

/** Resolvers of `Benefit`. */
export const Benefit: BenefitResolvers = {
  period: (benefit) => ({ start: benefit.start, end: benefit.end }),
};
