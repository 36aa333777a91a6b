import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RuntimeSource, TraefikCertificate } from '@wharf/config';
import { elementNotFound, invalidRequest } from '../errors.js';
import { firstValue, paginate } from '../pagination.js';

type Query = Record<string, unknown>;

const SORT_KEYS: Record<string, (c: TraefikCertificate) => string> = {
  name: (c) => c.name,
  cn: (c) => c.commonName,
  status: (c) => c.status,
  issuer: (c) => c.issuerCN ?? c.issuerOrg ?? '',
  validUntil: (c) => c.notAfter,
};

/** Traefik 3.7's list filters: `search` (common name, SANs, fingerprint), `status`, `sortBy`, `direction`. */
function filterCertificates(all: TraefikCertificate[], query: Query): TraefikCertificate[] {
  const search = firstValue(query['search'])?.toLowerCase();
  const status = firstValue(query['status'])?.toLowerCase();
  const sortBy = firstValue(query['sortBy']) ?? 'name';
  const key = SORT_KEYS[sortBy];
  if (!key) throw invalidRequest(`sortBy: ${sortBy}`);
  const desc = firstValue(query['direction']) === 'desc';
  const out = all.filter((c) => {
    if (status && c.status !== status) return false;
    if (!search) return true;
    return [c.name, c.commonName, ...c.sans].some((v) => v.toLowerCase().includes(search));
  });
  out.sort((a, b) => key(a).localeCompare(key(b)) * (desc ? -1 : 1) || a.name.localeCompare(b.name));
  return out;
}

/** Traefik's `/api/certificates` (paged, `X-Next-Page`) and `/api/certificates/{id}`. */
export function registerCertificateRoutes(app: FastifyInstance, prefix: string, source: RuntimeSource): void {
  app.get(`${prefix}api/certificates`, async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
    const page = paginate(filterCertificates(source.traefikCertificates?.() ?? [], req.query), req.query);
    void reply.header('X-Next-Page', String(page.nextPage));
    return page.items;
  });
  app.get(`${prefix}api/certificates/:id`, async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const found = (source.traefikCertificates?.() ?? []).find((c) => c.name === req.params.id);
    if (!found) throw elementNotFound('certificate', req.params.id);
    return found;
  });
}
