import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RuntimeSource, TraefikCertificate } from '@wharf/config';
import { elementNotFound } from '../errors.js';
import { firstValue, paginate } from '../pagination.js';

type Query = Record<string, unknown>;

/** Go's `<` on strings: byte order, not locale order (`Z` sorts before `a`). */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Traefik's certificate `name()` for sorting and ties is the common name, not the fingerprint. */
const commonName = (c: TraefikCertificate): string => c.commonName;

/** Traefik `sortCertificates`: `name` and `cn` sort by common name; an unknown column too. */
const SORT_KEYS: Record<string, (c: TraefikCertificate) => string> = {
  name: commonName,
  cn: commonName,
  status: (c) => c.status,
  issuer: (c) => c.issuerOrg || c.issuerCN || '',
  validUntil: (c) => c.notAfter,
};

/** Traefik `keepCertificate`: search in common name, issuer organisation and CN, and SANs. */
function searchFields(c: TraefikCertificate): string[] {
  return [c.commonName, c.issuerOrg ?? '', c.issuerCN ?? '', ...c.sans];
}

/** Traefik 3.7's list filters: `search`, `status`, `sortBy`, `direction` (ties: common name, then fingerprint). */
function filterCertificates(all: TraefikCertificate[], query: Query): TraefikCertificate[] {
  const search = firstValue(query['search'])?.toLowerCase();
  // Traefik's web UI asks `status=disabled` on its Errors tab; certificates say `expired` (its own
  // API answers nothing there): wharf reads the one as the other
  const asked = firstValue(query['status'])?.toLowerCase();
  const status = asked === 'disabled' ? 'expired' : asked;
  const sortBy = firstValue(query['sortBy']) ?? 'name';
  const key = Object.hasOwn(SORT_KEYS, sortBy) ? SORT_KEYS[sortBy]! : commonName;
  // Go's sortByFunc: `asc` (or none) ascends, any other value descends
  const direction = firstValue(query['direction']) ?? '';
  const sign = direction === '' || direction === 'asc' ? 1 : -1;
  const out = all.filter((c) => {
    if (status && c.status.toLowerCase() !== status) return false;
    if (!search) return true;
    return searchFields(c).some((v) => v.toLowerCase().includes(search));
  });
  out.sort((a, b) => sign * (byteOrder(key(a), key(b)) || byteOrder(a.commonName, b.commonName) || byteOrder(a.name, b.name)));
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
