import type { HttpHandler, HttpResponse } from '@wharf/config';
import type { CompiledService } from './compiled-service.js';

/** Traefik's `noop@internal`: answers 418 (used by redirect-only routers). */
export const noopHandler: HttpHandler = async (): Promise<HttpResponse> => ({ status: 418, headers: {}, body: null });

/** Wraps an internal handler (`api@internal`, `dashboard@internal`, `noop@internal`). */
export function createInternalService(name: string, handler: HttpHandler): CompiledService {
  return {
    name,
    handler,
    available: () => true,
    peek: () => undefined,
    servers: () => [],
    health: () => 'unknown',
  };
}
