import { match } from 'path-to-regexp';

/** Path parameters as a page receives them: decoded, a wildcard's segments joined with `/`. */
type RouteParams = Record<string, string>;

type PathParams = Partial<Record<string, string | string[]>>;

export interface Route<R> {
  /** a path-to-regexp pattern matched against the hash path: `/stats`, `/:proto/:kind`, `/http/routers/*name` */
  path: string;
  /** the values a parameter may take (path-to-regexp patterns carry no constraints of their own) */
  where?: Readonly<Record<string, readonly string[]>>;
  page(params: RouteParams, query: URLSearchParams): R;
}

export interface RouteMatch<R> {
  route: Route<R>;
  params: RouteParams;
}

/**
 * Compiles the routes once; the returned function gives the first route whose pattern and
 * constraints accept the path, or undefined. Exact like the hash paths it replaces: case-sensitive
 * and without an optional trailing slash.
 */
export function createRouteTable<R>(routes: readonly Route<R>[]): (path: string) => RouteMatch<R> | undefined {
  const compiled = routes.map((route) => ({ route, test: match<PathParams>(route.path, { sensitive: true, trailing: false }) }));
  return (path) => {
    for (const { route, test } of compiled) {
      const found = test(path);
      if (!found) continue;
      const params: RouteParams = {};
      for (const [key, value] of Object.entries(found.params)) {
        if (value !== undefined) params[key] = Array.isArray(value) ? value.join('/') : value;
      }
      if (allowed(route, params)) return { route, params };
    }
    return undefined;
  };
}

function allowed(route: Route<unknown>, params: RouteParams): boolean {
  return Object.entries(route.where ?? {}).every(([key, values]) => values.includes(params[key] ?? ''));
}
