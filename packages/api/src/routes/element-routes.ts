import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RuntimeSource, RuntimeView } from '@wharf/config';
import { filterItems, readCriteria, type Listed } from '../criteria.js';
import { elementNotFound } from '../errors.js';
import { paginate } from '../pagination.js';
import { sortItems, type ElementKind } from '../sorting.js';

type ViewKey = Exclude<keyof RuntimeView, 'generation' | 'appliedAt' | 'entryPoints' | 'diagnostics' | 'providers' | 'features'>;

/** One list + detail endpoint pair: `/api/<proto>/<plural>[/{name}]`. */
interface ElementEndpoint {
  path: string;
  viewKey: ViewKey;
  kind: ElementKind;
}

const elementEndpoints: ElementEndpoint[] = [
  { path: 'http/routers', viewKey: 'routers', kind: 'router' },
  { path: 'http/services', viewKey: 'services', kind: 'service' },
  { path: 'http/middlewares', viewKey: 'middlewares', kind: 'middleware' },
  { path: 'tcp/routers', viewKey: 'tcpRouters', kind: 'router' },
  { path: 'tcp/services', viewKey: 'tcpServices', kind: 'service' },
  { path: 'tcp/middlewares', viewKey: 'tcpMiddlewares', kind: 'middleware' },
  { path: 'udp/routers', viewKey: 'udpRouters', kind: 'router' },
  { path: 'udp/services', viewKey: 'udpServices', kind: 'service' },
];

type Query = Record<string, unknown>;

function elementsOf(source: RuntimeSource, key: ViewKey): Listed[] {
  const map = source.view()[key] as Record<string, unknown>;
  return Object.entries(map).map(([name, value]) => ({ ...(value as object), name }) as Listed);
}

/** Filter (search/status/serviceName/middlewareName) → sort → page; `X-Next-Page` header. */
function listElements(items: Listed[], kind: ElementKind, query: Query, reply: FastifyReply): Listed[] {
  const filtered = filterItems(items, readCriteria(query), kind);
  const page = paginate(sortItems(filtered, kind, query), query);
  void reply.header('X-Next-Page', String(page.nextPage));
  return page.items;
}

export function registerElementRoutes(app: FastifyInstance, prefix: string, source: RuntimeSource): void {
  for (const ep of elementEndpoints) {
    app.get(`${prefix}api/${ep.path}`, async (req: FastifyRequest<{ Querystring: Query }>, reply) =>
      listElements(elementsOf(source, ep.viewKey), ep.kind, req.query, reply),
    );
    app.get(`${prefix}api/${ep.path}/:name`, async (req: FastifyRequest<{ Params: { name: string } }>) => {
      const name = req.params.name;
      const map = source.view()[ep.viewKey] as Record<string, unknown>;
      const found = Object.hasOwn(map, name) ? map[name] : undefined;
      if (found === undefined) throw elementNotFound(ep.kind, name);
      return { ...(found as object), name };
    });
  }
}
