export { createApiServer, registerApiRoutes, installApiErrorHandlers } from './server.js';
export { createInternalApiHandler } from './internal-handler.js';
export { normalizeBasePath } from './options.js';
export type { ApiServerOptions, PingOptions, VersionInfo } from './options.js';
export { buildOverview, buildWharfOverview, effectiveServiceStatus, providerTitles } from './overview.js';
export type { Overview, SectionCounts, HealthCounts, WharfOverview } from './overview.js';
export { serviceHealthState, serversUpLabel } from '@wharf/config';
export { sortableColumns } from './sorting.js';
export type { ElementKind } from './sorting.js';
export { openApiDocument } from './openapi.js';
export { invalidRequest, elementNotFound, apiErrorCodes } from './errors.js';
/** The API's Fastify instance type, so callers need no direct fastify dependency. */
export type { FastifyInstance as ApiServer } from 'fastify';
