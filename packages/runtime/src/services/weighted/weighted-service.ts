import { appendHeader, headerValue } from '@wharf/config';
import type { HttpExchange, HttpResponse, WeightedServiceConfig } from '@wharf/config';
import { createWeightedRoundRobin, formatSetCookie, readCookie, stickyCookieName, stickyCookieValue } from '@wharf/loadbalancer';
import type { PickRequest } from '@wharf/loadbalancer';
import { memberServers, summarizeHealth, type CompiledService } from '../compiled-service.js';
import { noAvailableServer } from '../load-balancer/load-balancer-service.js';

export interface WeightedServiceOptions {
  name: string;
  config: WeightedServiceConfig;
  /** compiled child services, resolved by qualified name */
  resolve(name: string): CompiledService | undefined;
}

interface Child {
  service: CompiledService;
  cookieValue: string;
}

/**
 * A `weighted` service: weighted round robin over child services (canary), skipping children
 * with no available server, with an optional sticky cookie at this level.
 */
export function createWeightedService(opts: WeightedServiceOptions): CompiledService {
  const children: Array<{ value: Child; weight: number }> = [];
  for (const c of opts.config.services ?? []) {
    const service = opts.resolve(c.name);
    if (service) children.push({ value: { service, cookieValue: stickyCookieValue(c.name) }, weight: c.weight ?? 1 });
  }
  const wrr = createWeightedRoundRobin(children);
  const cookie = opts.config.sticky?.cookie;
  const cookieName = cookie ? stickyCookieName(opts.name, cookie.name) : undefined;
  const up = (c: Child): boolean => c.service.available();

  function stickyChild(cookieHeader: string | undefined): Child | undefined {
    if (!cookieName) return undefined;
    const value = readCookie(cookieHeader, cookieName);
    if (value === undefined) return undefined;
    return children.find((c) => c.weight > 0 && c.value.cookieValue === value && up(c.value))?.value;
  }

  const handler = async (ex: HttpExchange): Promise<HttpResponse> => {
    const cookieHeader = headerValue(ex.headers.cookie, '; ');
    const sticky = stickyChild(cookieHeader);
    const child = sticky ?? wrr.next(up);
    if (!child) return noAvailableServer();
    const res = await child.service.handler(ex);
    if (cookieName && !sticky) appendHeader(res.headers, 'set-cookie', formatSetCookie(cookieName, child.cookieValue, cookie));
    return res;
  };

  return {
    name: opts.name,
    handler,
    available: () => children.some((c) => c.weight > 0 && up(c.value)),
    peek: (req: PickRequest) => (stickyChild(req.cookie) ?? wrr.peek(up))?.service.peek(req),
    servers: () => memberServers(children.map((c) => c.value.service)),
    health() {
      const used = children.filter((c) => c.weight > 0);
      return summarizeHealth(used.filter((c) => up(c.value)).length, used.length);
    },
  };
}
