import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '@wharf/config';
import { bodyOf, fakeExchange, streamOf } from '../testing/exchange.js';
import { createContentType } from './content-type.js';
import { detectContentType } from './sniff.js';

describe('detectContentType', () => {
  it.each([
    ['  <!doctype html><html>', 'text/html; charset=utf-8'],
    ['<p>hi</p>', 'text/html; charset=utf-8'],
    ['<?xml version="1.0"?>', 'text/xml; charset=utf-8'],
    ['%PDF-1.7', 'application/pdf'],
    ['{"a":1}', 'text/plain; charset=utf-8'],
    ['\x89PNG\r\n\x1a\n....', 'image/png'],
    ['\x00\x01\x02binary', 'application/octet-stream'],
  ])('%j → %s', (data, type) => expect(detectContentType(Buffer.from(data, 'latin1'))).toBe(type));
});

describe('contentType middleware', () => {
  const run = async (autoDetect: boolean | undefined, res: HttpResponse) => {
    const out = await createContentType(autoDetect === undefined ? {} : { autoDetect })(fakeExchange(), async () => res);
    return { out, body: (await bodyOf(out)).toString() };
  };
  it('sniffs a missing Content-Type from a buffer or a long stream, keeping the body whole', async () => {
    expect((await run(true, { status: 200, headers: {}, body: '<html><body>x</body></html>' })).out.headers['content-type']).toBe('text/html; charset=utf-8');
    const long = `<html>${'x'.repeat(2000)}</html>`;
    const streamed = await run(true, { status: 200, headers: {}, body: streamOf(long, 100) });
    expect(streamed.out.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(streamed.body).toBe(long);
  });
  it('an empty declaration enables detection (Traefik v3)', async () => {
    expect((await run(undefined, { status: 200, headers: {}, body: '%PDF-1.4' })).out.headers['content-type']).toBe('application/pdf');
  });
  it('keeps an existing Content-Type and does nothing with autoDetect: false', async () => {
    expect((await run(true, { status: 200, headers: { 'content-type': 'application/json' }, body: '<html>' })).out.headers['content-type']).toBe('application/json');
    expect((await run(false, { status: 200, headers: {}, body: '<html>' })).out.headers).not.toHaveProperty('content-type');
  });
});
