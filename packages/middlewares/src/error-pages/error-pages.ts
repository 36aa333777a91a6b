import { compileStatusRanges } from '@wharf/config';
import type { HttpExchange, HttpHandler, HttpResponse, HttpStep } from '@wharf/config';
import { discardResponse } from '../response.js';
import type { MiddlewareContext } from '../types.js';
import type { ErrorPagesOptions } from './schema.js';

function compileRewrites(map: Record<string, number> | undefined): (status: number) => number {
  const rules = Object.entries(map ?? {}).map(([range, to]) => [compileStatusRanges(range), to] as const);
  return (status) => rules.find(([m]) => m(status))?.[1] ?? status;
}

/** The exchange sent to the error page service: a body-less GET on the templated path. */
function pageExchange(ex: HttpExchange, target: string, forward: readonly string[]): HttpExchange {
  const [path = '/', query = ''] = target.split(/\?(.*)/s);
  const headers: HttpExchange['headers'] = { host: ex.headers.host, accept: ex.headers.accept };
  for (const h of forward) if (ex.headers[h] !== undefined) headers[h] = ex.headers[h];
  return {
    ...ex,
    method: 'GET',
    path: path.startsWith('/') ? path : `/${path}`,
    query,
    headers,
    body: Buffer.alloc(0),
    triedServers: new Set(),
    attempts: 0,
    requestSent: false,
    locals: new Map(),
  };
}

/** Replaces responses whose status is in `status` with a page from `service`, keeping the status. */
export function createErrorPages(options: ErrorPagesOptions, ctx: MiddlewareContext): HttpStep {
  const matches = compileStatusRanges(options.status);
  const rewrite = compileRewrites(options.statusRewrites);
  const template = options.query ?? '/';
  const forward = (options.errorRequestHeaders ?? []).map((h) => h.toLowerCase());
  const name = options.service.includes('@') ? options.service : `${options.service}@${ctx.provider}`;
  let service: HttpHandler | undefined;

  return async (ex, next) => {
    const url = `${ex.path}${ex.query ? `?${ex.query}` : ''}`;
    const res = await next();
    if (res.upgraded || !matches(res.status)) return res;
    service ??= ctx.resolveService(name) ?? ctx.resolveService(options.service);
    if (!service) {
      ctx.logger?.warn('errors: error page service not found', { middleware: ctx.name, service: name });
      return res;
    }
    const status = rewrite(res.status);
    const target = template
      .replaceAll('{status}', String(status))
      .replaceAll('{originalStatus}', String(res.status))
      .replaceAll('{url}', encodeURIComponent(url));
    let page: HttpResponse;
    try {
      page = await service(pageExchange(ex, target, forward));
    } catch (err) {
      ctx.logger?.warn('errors: error page service failed', { middleware: ctx.name, service: name, error: (err as Error).message });
      return res;
    }
    if (page.error) {
      ctx.logger?.debug('errors: error page service answered an upstream error', { middleware: ctx.name, code: page.error.code });
      discardResponse(page);
      return res;
    }
    discardResponse(res);
    return { status, headers: page.headers, body: page.body };
  };
}
