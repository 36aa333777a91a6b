import { serviceHealthState, splitQualified, type ElementStatus, type ServiceInfo } from '@wharf/config';
import { firstValue } from './pagination.js';
import type { ElementKind } from './sorting.js';

/** The fields list filters read; every element of the view has them. */
export interface Listed {
  name: string;
  provider?: string;
  status?: ElementStatus | string;
  rule?: string;
  service?: string;
  middlewares?: string[];
}

/** Traefik `searchCriterion`: search, status, serviceName, middlewareName. */
export interface Criteria {
  search?: string;
  status?: string;
  serviceName?: string;
  middlewareName?: string;
  /** wharf: services by live health (`healthy|degraded|down|unknown`) */
  health?: string;
}

export function readCriteria(query: Record<string, unknown>): Criteria {
  const pick = (k: string): string | undefined => {
    const v = firstValue(query[k]);
    return v === undefined || v === '' ? undefined : v;
  };
  return {
    search: pick('search'),
    status: pick('status'),
    serviceName: pick('serviceName'),
    middlewareName: pick('middlewareName'),
    health: pick('health'),
  };
}

/** `name` matches `wanted`; without `@` only the part before `@` is compared. */
function sameElementName(name: string | undefined, wanted: string): boolean {
  if (name === undefined) return false;
  if (wanted.includes('@')) return name === wanted;
  return splitQualified(name).name === wanted;
}

/** Routers also match `search` on the rule and honour serviceName/middlewareName; services honour `health`. */
function matchesCriteria(item: Listed, c: Criteria, kind: ElementKind): boolean {
  const searchRule = kind === 'router';
  if (c.status !== undefined && (item.status ?? '').toLowerCase() !== c.status.toLowerCase()) return false;
  if (c.search !== undefined) {
    const needle = c.search.toLowerCase();
    const inName = item.name.toLowerCase().includes(needle);
    const inRule = searchRule && (item.rule ?? '').toLowerCase().includes(needle);
    if (!inName && !inRule) return false;
  }
  if (kind === 'router' && c.serviceName !== undefined && !sameElementName(item.service, c.serviceName)) return false;
  if (kind === 'router' && c.middlewareName !== undefined && !(item.middlewares ?? []).includes(c.middlewareName)) return false;
  if (kind === 'service' && c.health !== undefined && serviceHealthState(item as unknown as ServiceInfo) !== c.health.toLowerCase()) return false;
  return true;
}

export function filterItems<T extends Listed>(items: T[], c: Criteria, kind: ElementKind): T[] {
  return items.filter((item) => matchesCriteria(item, c, kind));
}
