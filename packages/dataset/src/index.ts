/** @hoi/dataset: the synthetic dataset generator (deterministic from a seed). */
export * from './catalogue.js';
export * from './config.js';
export * from './dataset.js';
export * from './generateCitizen.js';
export * from './generatePlan.js';
export * from './random.js';
export * from './syntheticCpr.js';
