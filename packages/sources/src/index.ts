/** @hoi/sources: the source systems: per source its wire contract, record validators, embedded projection and HTTP client; the source stack (metrics, cache). */
export * from './benefitIndex.js';
export * from './cachedSource.js';
export * from './caseIndex.js';
export * from './catalogue.js';
export * from './citizenExport.js';
export * from './citizenSource.js';
export * from './consentRegister.js';
export * from './employmentDfdg.js';
export * from './httpSource.js';
export * from './instrumentedSource.js';
export * from './interventionIndex.js';
export * from './prefetchingSource.js';
// The field checks behind each source's validator, as one namespace: their names (string,
// object, area…) are too plain for the package's top level.
export * as recordGuards from './recordGuards.js';
export { RecordShapeError } from './recordGuards.js';
export * from './sourceConfig.js';
export * from './sourceStack.js';
