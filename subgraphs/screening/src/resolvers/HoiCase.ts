/** The HOI case, from its stored decision. */
import { HOI_CASE_KLE, HOI_CASE_TITLE } from '../eligibility.js';
import { copenhagenDate } from '@hoi/domain';
import type { HoiCaseResolvers } from '../__generated__/resolvers-types.js';

/** Resolvers of `HoiCase`. */
export const HoiCase: HoiCaseResolvers = {
  id: (decision) => decision.id,
  hoi: () => true,
  title: () => HOI_CASE_TITLE,
  kle: () => HOI_CASE_KLE,
  area: () => 'EMPLOYMENT',
  status: () => 'Opstaaet',
  openedAt: (decision) => copenhagenDate(new Date(decision.decidedAt)),
  registeredAt: (decision) => decision.decidedAt,
};
