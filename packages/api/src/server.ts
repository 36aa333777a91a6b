import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { isWharfError } from '@wharf/config';
import { normalizeBasePath, type ApiServerOptions } from './options.js';
import { registerCoreRoutes, registerDashboardRedirect, registerPing } from './routes/core-routes.js';
import { registerDashboardFiles } from './routes/dashboard-files.js';
import { registerElementRoutes } from './routes/element-routes.js';
import { defaultHeartbeatMs, registerEventStream } from './routes/event-stream.js';
import { registerWharfRoutes } from './routes/wharf-routes.js';
import { registerCertificateRoutes } from './routes/certificate-routes.js';

function loggerOptions(logger: ApiServerOptions['logger']): { logger?: boolean; loggerInstance?: FastifyBaseLogger } {
  if (typeof logger === 'object') return { loggerInstance: logger };
  return { logger: logger ?? false };
}

export function installApiErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    if (isWharfError(err)) return reply.code(err.statusCode).send({ message: err.message });
    const status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'api request failed');
    return reply.code(status).send({ message: status >= 500 ? 'internal server error' : (err as Error).message });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain; charset=utf-8').send('404 page not found'));
}

/** Registers every API route (and dashboard/ping when enabled) on an existing instance. */
export function registerApiRoutes(app: FastifyInstance, options: ApiServerOptions): void {
  const basePath = normalizeBasePath(options.basePath);
  const { source } = options;
  registerCoreRoutes(app, basePath, { source, entryPoints: options.entryPoints, version: options.version });
  registerElementRoutes(app, basePath, source);
  registerCertificateRoutes(app, basePath, source);
  registerWharfRoutes(app, basePath, { source, entryPointNames: options.entryPoints.map((e) => e.name), basePath });
  registerEventStream(app, basePath, source, options.heartbeatMs ?? defaultHeartbeatMs);
  if (options.dashboard) {
    registerDashboardRedirect(app, basePath);
    if (options.dashboardDir) registerDashboardFiles(app, basePath, options.dashboardDir);
  }
  if (options.ping) registerPing(app, options.ping);
  options.extraRoutes?.(app);
}

/**
 * The API (+ dashboard, + ping) as one Fastify instance, not listening: the app binds it to the
 * `traefik` entrypoint or reaches it through `createInternalApiHandler` (api@internal).
 */
export function createApiServer(options: ApiServerOptions): FastifyInstance {
  const app = Fastify({ ...loggerOptions(options.logger), exposeHeadRoutes: true }) as unknown as FastifyInstance;
  installApiErrorHandlers(app);
  registerApiRoutes(app, options);
  return app;
}
