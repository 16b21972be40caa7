/** @hoi/platform: what every process runs on: environment reader, logger, metrics, HTTP server, readiness, request log, error formatting, service runner, service ports. */
export * from './devToken.js';
export * from './env.js';
export * from './formatError.js';
export * from './httpServer.js';
export * from './logger.js';
export * from './metrics.js';
export * from './readiness.js';
export * from './requestLog.js';
export * from './runService.js';
export * from './services.js';
