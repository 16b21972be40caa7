/** @hoi/simulator: the source simulator, for its entry, the bench and tests. */
export * from './config.js';
export * from './faults.js';
export * from './export.js';
export * from './server.js';
export { wrongShape } from './sources.js';
