import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Diagnostic, RuntimeSource } from '@wharf/config';
import { elementNotFound, invalidRequest } from '../errors.js';
import { parseMatchQuery, parseTcpMatchQuery } from '../match-query.js';
import { buildWharfOverview } from '../overview.js';
import { firstValue, paginate } from '../pagination.js';
import { openApiDocument } from '../openapi.js';

type Query = Record<string, unknown>;

/** Provider diagnostics filtered by `provider` (exact, case-insensitive), `severity` and `search`. */
function filterDiagnostics(all: Diagnostic[], query: Query): Diagnostic[] {
  const provider = firstValue(query['provider'])?.toLowerCase();
  const severity = firstValue(query['severity'])?.toLowerCase();
  const search = firstValue(query['search'])?.toLowerCase();
  return all.filter((d) => {
    if (provider && d.provider.toLowerCase() !== provider) return false;
    if (severity && d.severity !== severity) return false;
    if (!search) return true;
    const hay = [d.message, d.source, d.code, d.key ?? '', d.element?.name ?? ''].join('\n').toLowerCase();
    return hay.includes(search);
  });
}

export interface WharfRouteOptions {
  source: RuntimeSource;
  entryPointNames: string[];
  basePath: string;
}

export function registerWharfRoutes(app: FastifyInstance, prefix: string, opts: WharfRouteOptions): void {
  const { source } = opts;
  app.get(`${prefix}api/wharf/overview`, async () => buildWharfOverview(source.view(), source.traefikCertificates?.() ?? []));
  app.get(`${prefix}api/wharf/diagnostics`, async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
    const page = paginate(filterDiagnostics(source.view().diagnostics, req.query), req.query);
    void reply.header('X-Next-Page', String(page.nextPage));
    return page.items;
  });
  // each provider's runner state, in precedence order; `provider-state` events carry changes
  app.get(`${prefix}api/wharf/providers`, async () => source.providerStates?.() ?? []);
  app.get(`${prefix}api/wharf/match`, async (req: FastifyRequest<{ Querystring: Query }>) => {
    const known = new Set([...opts.entryPointNames, ...source.view().entryPoints.map((e) => e.name)]);
    const proto = firstValue(req.query['proto']) ?? 'http';
    if (proto === 'http') return source.explainMatch(parseMatchQuery(req.query, known));
    if (proto !== 'tcp') throw invalidRequest(`proto: ${proto.slice(0, 16)} (expected http or tcp)`);
    const query = parseTcpMatchQuery(req.query, known);
    if (!source.explainTcpMatch) throw invalidRequest('proto: this wharf has no TCP routing');
    return source.explainTcpMatch(query);
  });
  app.get(`${prefix}api/wharf/certificates`, async () => source.certificates?.() ?? []);
  app.get(`${prefix}api/wharf/certificates/:id`, async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const found = (source.certificates?.() ?? []).find((c) => c.id === req.params.id);
    if (!found) throw elementNotFound('certificate', req.params.id);
    return found;
  });
  app.get(`${prefix}api/wharf/openapi.json`, async () => openApiDocument(opts.basePath));
}
