/** @hoi/subgraph-kit: what every subgraph is built from: the subgraph server, scalars, citizen refs, partial results, configuration, and defineIndexSubgraph. */
export * from './citizenLoader.js';
export * from './citizenRef.js';
export * from './composition.js';
export * from './indexSubgraph.js';
export * from './partialResults.js';
export * from './scalars.js';
export * from './schemaFile.js';
export * from './subgraphConfig.js';
export * from './subgraphServer.js';
export * from './subgraphClient.js';
