import type { HttpExchange, HttpResponse } from '@wharf/config';
import { memberServers, type CompiledService } from '../compiled-service.js';
import { noAvailableServer } from '../load-balancer/load-balancer-service.js';

export interface FailoverServiceOptions {
  name: string;
  main: CompiledService;
  fallback: CompiledService;
}

/** A `failover` service: the main service while it has an available server, else the fallback. */
export function createFailoverService({ name, main, fallback }: FailoverServiceOptions): CompiledService {
  const active = (): CompiledService | undefined => (main.available() ? main : fallback.available() ? fallback : undefined);
  return {
    name,
    handler: (ex: HttpExchange): Promise<HttpResponse> => {
      const target = active();
      return target ? target.handler(ex) : Promise.resolve(noAvailableServer());
    },
    available: () => active() !== undefined,
    peek: (req) => active()?.peek(req),
    servers: () => memberServers([main, fallback]),
    health() {
      if (main.available()) return main.health() === 'healthy' ? 'healthy' : 'degraded';
      return fallback.available() ? 'degraded' : 'down';
    },
  };
}
