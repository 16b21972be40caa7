/** @hoi/domain: the domain model: sector areas, CPR rules, records, principal, access policy, Copenhagen time, error codes. Depends on no other package of ours. */
export * from './areas.js';
export * from './copenhagenTime.js';
export * from './cpr.js';
export * from './errors.js';
export * from './isoTime.js';
export * from './plan.js';
export * from './policy.js';
export * from './principal.js';
export * from './records.js';
export * from './timeline.js';
