/** Every source system of the overview, by name: what the simulator serves and the subgraphs read. */
import { benefitIndex } from './benefitIndex.js';
import { caseIndex } from './caseIndex.js';
import { consentRegister } from './consentRegister.js';
import { employmentDfdg } from './employmentDfdg.js';
import { interventionIndex } from './interventionIndex.js';

/** The source definitions by name. */
export const SOURCES = {
  'consent-register': consentRegister,
  'case-index': caseIndex,
  'benefit-index': benefitIndex,
  'intervention-index': interventionIndex,
  'employment-dfdg': employmentDfdg,
} as const;

/** One source system's name. */
export type SourceName = keyof typeof SOURCES;

/** The source names, in a fixed order. */
export const SOURCE_NAMES = Object.keys(SOURCES) as SourceName[];

/** True for a known source name. */
export function isSourceName(value: string): value is SourceName {
  return Object.hasOwn(SOURCES, value);
}
