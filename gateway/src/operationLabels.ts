/**
 * Operation names in /metrics (DESIGN §3b): client-chosen text never becomes a label. A name
 * is counted as itself only when it is one of the documented operations, configured with
 * METRICS_OPERATION_NAMES, or an operation of the trusted manifest; any other is `other`.
 */
import type { TrustedOperations } from './trustedOperations.js';

/** The operation names of the documentation, the tests and the playground. */
export const DOCUMENTED_OPERATIONS: readonly string[] = [
  'IntrospectionQuery',
  'Overview',
  'Citizen',
  'Citizens',
  'Me',
  'Screening',
  'HoiEligibility',
  'HoiPlan',
  'Timeline',
  'AccessLog',
  'ConsentHistory',
  'GiveConsent',
  'WithdrawConsent',
  'RegisterHoiCase',
  'DeclineHoi',
  'CreateHoiPlan',
];

/** The `operation` label of a request: its name when known, `anonymous`, or `other`. */
export function operationLabeler(
  configured: readonly string[],
  trusted: TrustedOperations | null,
): (operationName: string | null) => string {
  const known = new Set([...DOCUMENTED_OPERATIONS, ...configured, ...(trusted?.names ?? [])]);
  return (name) => (name === null ? 'anonymous' : known.has(name) ? name : 'other');
}
