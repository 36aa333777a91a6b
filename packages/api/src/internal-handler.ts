import type { HttpExchange, HttpResponse } from '@wharf/config';
import type { FastifyInstance } from 'fastify';

/**
 * `api@internal`: an HttpHandler that hands the exchange to the API instance (the router may
 * sit on a user entrypoint behind middlewares). The API writes the response itself, so the
 * result says `upgraded` (nothing left for the proxy to write). The exchange's current path
 * (after e.g. stripPrefix) is what the API routes on.
 */
export function createInternalApiHandler(app: FastifyInstance): (ex: HttpExchange) => Promise<HttpResponse> {
  let ready: PromiseLike<void> | undefined;
  return async (ex) => {
    ready ??= app.ready().then(() => undefined);
    await ready;
    ex.req.url = ex.query ? `${ex.path}?${ex.query}` : ex.path;
    app.routing(ex.req, ex.res);
    return { status: 0, headers: {}, body: null, upgraded: true };
  };
}
