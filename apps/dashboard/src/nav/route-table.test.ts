import { describe, expect, it } from 'vitest';
import { createRouteTable, type Route } from './route-table.js';

/** Routes that answer with their own name and the params they were given. */
const route = (name: string, path: string, where?: Route<string>['where']): Route<string> => ({
  path,
  ...(where ? { where } : {}),
  page: (params, query) => `${name} ${JSON.stringify(params)}${query.size ? ` ?${query}` : ''}`,
});

const table = createRouteTable([
  route('home', '/'),
  route('stats', '/stats'),
  route('list', '/:proto/:kind', { proto: ['http', 'tcp'], kind: ['routers'] }),
  route('detail', '/http/routers/*name'),
  route('fallback', '/:anything/:kind'),
]);
const render = (path: string, query = ''): string | undefined => {
  const found = table(path);
  return found?.route.page(found.params, new URLSearchParams(query));
};

describe('route table', () => {
  it('matches static paths exactly', () => {
    expect(render('/')).toBe('home {}');
    expect(render('/stats')).toBe('stats {}');
    expect(render('/stats/')).toBeUndefined();
    expect(render('/Stats')).toBeUndefined();
    expect(render('/stats/more/deeper')).toBeUndefined();
  });

  it('passes params and the query to the page', () => {
    expect(render('/http/routers', 'status=enabled')).toBe('list {"proto":"http","kind":"routers"} ?status=enabled');
  });

  it('falls through to the next route when a param is outside its allowed values', () => {
    expect(render('/udp/routers')).toBe('fallback {"anything":"udp","kind":"routers"}');
    expect(render('/http/services')).toBe('fallback {"anything":"http","kind":"services"}');
  });

  it('decodes a wildcard and joins its segments with /', () => {
    expect(render('/http/routers/shop%2Fapi%40docker')).toBe('detail {"name":"shop/api@docker"}');
    expect(render('/http/routers/shop/api@docker')).toBe('detail {"name":"shop/api@docker"}');
    expect(render('/http/routers/')).toBeUndefined();
  });

  it('answers undefined for an unknown path', () => {
    expect(render('/no/such/page/here')).toBeUndefined();
    expect(createRouteTable([])('/')).toBeUndefined();
  });
});
