export * from './types.js';
export { builtinMiddlewares, findMiddleware, middlewareAliases } from './registry.js';
export type { BuiltinMiddlewareOptions, BuiltinMiddlewareSpec } from './registry.js';
export { MiddlewareErrors } from './errors.js';
export { composeSteps } from './chain/index.js';
export { durationMs, DurationSchema } from './options/duration.js';
export { bufferRequestBody } from './body/request-body.js';
export type { BufferOutcome } from './body/request-body.js';
export { CLIENT_USERNAME_LOCAL } from './client-username.js';
