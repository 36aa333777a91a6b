import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

/**
 * An HTTP/2 request as the HTTP/1.1 path sees one (RFC 9113 §8.3.1): method and target from
 * `:method` / `:path`, Host from `:authority`; a Host header counts only without `:authority`
 * (as Go's and HAProxy's servers: two authorities that differ are an HTTP/2 desync vector), and
 * no pseudo-header is left to be forwarded. Routing, middlewares, balancing, access log and metrics
 * are then the same code as for HTTP/1.1.
 */
export function asHttp1Request(req: Http2ServerRequest, res: Http2ServerResponse): { req: IncomingMessage; res: ServerResponse } {
  const h = req.headers;
  const method = req.method;
  const url = req.url;
  const authority = h[':authority'];
  if (typeof authority === 'string' && authority !== '') h.host = authority;
  for (const name of Object.keys(h)) if (name.charCodeAt(0) === 58 /* : */) delete h[name];
  // the compat getters read the pseudo-headers just removed: pin the values
  Object.defineProperty(req, 'method', { value: method, configurable: true });
  Object.defineProperty(req, 'url', { value: url, configurable: true, writable: true });
  return { req: req as unknown as IncomingMessage, res: res as unknown as ServerResponse };
}
