import { describe, expect, it } from 'vitest';
import { apiBase, apiUrl, nameSegment } from '../api/api-base.js';
import { hrefFor, parseHash } from './hash-location.js';

describe('hash routing', () => {
  it.each([
    ['', '/', ''],
    ['#/', '/', ''],
    ['#/http/routers?status=enabled&search=a', '/http/routers', 'status=enabled&search=a'],
    ['#http/services', '/http/services', ''],
  ])('parses %s', (hash, path, query) => {
    const loc = parseHash(hash);
    expect(loc.path).toBe(path);
    expect(loc.query.toString()).toBe(query);
  });

  it('builds hrefs without empty params', () => {
    expect(hrefFor('/http/routers', { status: 'warning', search: undefined, sortBy: '' })).toBe('#/http/routers?status=warning');
    expect(hrefFor('/')).toBe('#/');
  });
});

describe('API base', () => {
  it('reads the injected meta tag, defaulting to ../', () => {
    const doc = document.implementation.createHTMLDocument('x');
    expect(apiBase(doc)).toBe('../');
    const meta = doc.createElement('meta');
    meta.name = 'wharf-base';
    meta.content = '/sub';
    doc.head.append(meta);
    expect(apiBase(doc)).toBe('/sub/');
  });

  it('builds API URLs under the base and encodes names', () => {
    expect(apiUrl('api/http/routers', { status: 'enabled', search: '', page: 2 }, '/sub/')).toBe('/sub/api/http/routers?status=enabled&page=2');
    expect(apiUrl(`api/http/routers/${nameSegment('foo/bar@file')}`, {}, '../')).toBe('../api/http/routers/foo%2Fbar%40file');
  });
});
