import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RuntimeSource, TraefikCertificate } from '@wharf/config';
import { elementNotFound } from '../errors.js';
import { firstValue, paginate } from '../pagination.js';

type Query = Record<string, unknown>;

/** Traefik's `orderedCertificate`: `name` (and `cn`) sort by common name, `issuer` is the organisation, else the CN. */
const SORT_KEYS: Record<string, (c: TraefikCertificate) => string> = {
  name: (c) => c.commonName,
  cn: (c) => c.commonName,
  status: (c) => c.status,
  issuer: (c) => c.issuerOrg || c.issuerCN || '',
  validUntil: (c) => c.notAfter,
};

/** Go's byte-wise string order (not the locale's) */
const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Traefik 3.7's list filters (`handler_certificate.go`, `sort.go`): `search` in the common name,
 * issuer organisation and CN and SANs (case-insensitive), `status` (case-insensitive), `sortBy`
 * (unknown → name) and `direction` (anything but `asc` or empty is descending; ties by common
 * name, in the same direction; wharf then orders by fingerprint so pages are stable).
 */
function filterCertificates(all: TraefikCertificate[], query: Query): TraefikCertificate[] {
  const search = firstValue(query['search'])?.toLowerCase();
  const status = firstValue(query['status'])?.toLowerCase();
  const key = SORT_KEYS[firstValue(query['sortBy']) ?? ''] ?? SORT_KEYS['name']!;
  const direction = firstValue(query['direction']) ?? '';
  const sign = direction === '' || direction === 'asc' ? 1 : -1;
  const out = all.filter((c) => {
    if (status && c.status.toLowerCase() !== status) return false;
    if (!search) return true;
    return [c.commonName, c.issuerOrg ?? '', c.issuerCN ?? '', ...c.sans].some((v) => v.toLowerCase().includes(search));
  });
  out.sort((a, b) => (order(key(a), key(b)) || order(a.commonName, b.commonName)) * sign || order(a.name, b.name));
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
