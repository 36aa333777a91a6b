import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UpstreamErrors, type HttpExchange, type HttpResponse } from '@wharf/config';
import { fakeContext } from '../testing/context.js';
import { bodyOf, fakeExchange } from '../testing/exchange.js';
import { createErrorPages } from './error-pages.js';
import type { ErrorPagesOptions } from './schema.js';

function pageService(seen: HttpExchange[]) {
  return async (ex: HttpExchange): Promise<HttpResponse> => {
    seen.push(ex);
    return { status: 200, headers: { 'content-type': 'text/html' }, body: `<h1>page ${ex.path}?${ex.query}</h1>` };
  };
}

async function run(options: ErrorPagesOptions, upstream: HttpResponse, services = {}) {
  const seen: HttpExchange[] = [];
  const { ctx } = fakeContext({ services: { 'pages@file': pageService(seen), ...services } });
  const ex = fakeExchange({ url: '/api/x?y=1', headers: { cookie: 'secret', 'x-keep': 'k' } });
  const res = await createErrorPages(options, ctx)(ex, async () => upstream);
  return { res, body: (await bodyOf(res)).toString(), seen };
}

describe('errors middleware', () => {
  it('serves the page for a matching status, keeping the original status', async () => {
    const discarded = Readable.from(['backend error']);
    const { res, body, seen } = await run(
      { status: ['500-599'], service: 'pages', query: '/{status}.html?from={originalStatus}&u={url}' },
      { status: 503, headers: { 'content-type': 'text/plain' }, body: discarded },
    );
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toBe('text/html');
    expect(body).toBe(`<h1>page /503.html?from=503&u=${encodeURIComponent('/api/x?y=1')}</h1>`);
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.headers).not.toHaveProperty('cookie');
    expect(discarded.destroyed).toBe(true);
  });
  it('passes other statuses through and applies statusRewrites', async () => {
    expect((await run({ status: ['500-599'], service: 'pages' }, { status: 404, headers: {}, body: 'nf' })).body).toBe('nf');
    const rewritten = await run(
      { status: '400-499', service: 'pages@file', query: '/{status}-{originalStatus}', statusRewrites: { '418': 400 }, errorRequestHeaders: ['X-Keep'] },
      { status: 418, headers: {}, body: 'teapot' },
    );
    expect(rewritten.res.status).toBe(400);
    expect(rewritten.body).toBe('<h1>page /400-418?</h1>');
    expect(rewritten.seen[0]!.headers['x-keep']).toBe('k');
  });
  it('keeps the original response when the page service is missing or fails', async () => {
    expect((await run({ status: ['500'], service: 'missing' }, { status: 500, headers: {}, body: 'orig' })).body).toBe('orig');
    const failing = async (): Promise<HttpResponse> => ({ status: 502, headers: {}, body: null, error: UpstreamErrors.connectFailed('x') });
    const r = await run({ status: ['500'], service: 'bad' }, { status: 500, headers: {}, body: 'orig' }, { 'bad@file': failing });
    expect(r.body).toBe('orig');
  });
});
