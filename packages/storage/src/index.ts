/** @hoi/storage: durable storage: PGlite or PostgreSQL, migrations, chunked inserts, group commit. */
export * from './groupCommit.js';
export * from './migrations.js';
export * from './sqlDatabase.js';
export * from './storageConfig.js';
