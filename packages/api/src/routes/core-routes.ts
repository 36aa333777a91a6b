import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EntryPointInfo, RuntimeSource, RuntimeView } from '@wharf/config';
import { elementNotFound } from '../errors.js';
import type { PingOptions, VersionInfo } from '../options.js';
import { buildOverview } from '../overview.js';
import { paginate } from '../pagination.js';

const rawdataKeys = [
  'routers',
  'middlewares',
  'services',
  'tcpRouters',
  'tcpMiddlewares',
  'tcpServices',
  'udpRouters',
  'udpServices',
] as const satisfies ReadonlyArray<keyof RuntimeView>;

/** Traefik's `/api/rawdata`: every map keyed by qualified name; empty maps omitted (Go omitempty). */
function buildRawdata(view: RuntimeView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of rawdataKeys) {
    if (Object.keys(view[key]).length > 0) out[key] = view[key];
  }
  return out;
}

export interface CoreRouteOptions {
  source: RuntimeSource;
  entryPoints: EntryPointInfo[];
  version: VersionInfo;
}

export function registerCoreRoutes(app: FastifyInstance, prefix: string, opts: CoreRouteOptions): void {
  const entryPoints = [...opts.entryPoints].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  app.get(`${prefix}api/rawdata`, async () => buildRawdata(opts.source.view()));
  app.get(`${prefix}api/overview`, async () => buildOverview(opts.source.view(), opts.source.traefikCertificates?.() ?? []));
  app.get(`${prefix}api/version`, async () => opts.version);
  app.get(`${prefix}api/entrypoints`, async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const page = paginate(entryPoints, req.query);
    void reply.header('X-Next-Page', String(page.nextPage));
    return page.items;
  });
  app.get(`${prefix}api/entrypoints/:name`, async (req: FastifyRequest<{ Params: { name: string } }>) => {
    const found = entryPoints.find((ep) => ep.name === req.params.name);
    if (!found) throw elementNotFound('entry point', req.params.name);
    return found;
  });
}

/** A relative `X-Forwarded-Prefix` (Traefik honours it for the dashboard redirect). */
export function forwardedPrefix(req: FastifyRequest): string {
  const raw = req.headers['x-forwarded-prefix'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith('/') || value.startsWith('//') || /[\s"'<>\\]/.test(value)) return '';
  return value.replace(/\/+$/, '');
}

/** `GET <basePath>` → 302 `<X-Forwarded-Prefix><basePath>dashboard/`. */
export function registerDashboardRedirect(app: FastifyInstance, basePath: string): void {
  const handler = async (req: FastifyRequest, reply: FastifyReply) => reply.redirect(`${forwardedPrefix(req)}${basePath}dashboard/`, 302);
  app.get(basePath, handler);
  if (basePath !== '/') app.get(basePath.slice(0, -1), handler);
}

/** `/ping`: `OK`, or the terminating status while shutting down. */
export function registerPing(app: FastifyInstance, ping: PingOptions): void {
  app.get('/ping', async (_req, reply) => {
    if (ping.isShuttingDown()) {
      return reply.code(ping.terminatingStatusCode).type('text/plain; charset=utf-8').send('Service Unavailable');
    }
    return reply.type('text/plain; charset=utf-8').send('OK');
  });
}
