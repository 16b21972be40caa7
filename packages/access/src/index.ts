/** @hoi/access: who may see what, in transit: the signed access context, access grants, pseudonyms. */
export * from './accessContext.js';
export * from './accessGrant.js';
export * from './pseudonym.js';
export * from './readAhead.js';
export * from './sealedText.js';
