import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '@wharf/config';
import { bodyOf, fakeExchange, streamOf } from '../testing/exchange.js';
import { negotiateEncoding } from './accept-encoding.js';
import { availableEncodings } from './encoders.js';
import { createCompress } from './compress.js';
import type { CompressOptions } from './schema.js';

const big = 'hello wharf '.repeat(500);

async function run(options: CompressOptions, accept: string | undefined, res: HttpResponse, method = 'GET') {
  const ex = fakeExchange({ method, headers: accept === undefined ? {} : { 'accept-encoding': accept } });
  const out = await createCompress(options)(ex, async () => res);
  return { out, bytes: await bodyOf(out) };
}
const text = (body: HttpResponse['body'], headers: Record<string, string> = {}): HttpResponse => ({
  status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body,
});

describe('negotiateEncoding', () => {
  const sup = ['br', 'gzip'];
  it.each([
    ['gzip', 'gzip'], ['gzip, br', 'br'], ['gzip;q=1.0, br;q=0.5', 'gzip'], ['br;q=0, gzip;q=0.1', 'gzip'],
    ['identity', undefined], ['*', 'br'], ['br;q=0, *', 'gzip'], ['deflate', undefined], ['', undefined],
  ] as const)('%s → %s', (h, enc) => expect(negotiateEncoding(h, sup)).toBe(enc));
  it('uses defaultEncoding without the header or for a bare wildcard', () => {
    expect(negotiateEncoding(undefined, sup, 'gzip')).toBe('gzip');
    expect(negotiateEncoding('*', sup, 'gzip')).toBe('gzip');
    expect(negotiateEncoding(undefined, sup)).toBeUndefined();
  });
});

describe('compress', () => {
  it('gzips a large buffer body, sets Content-Encoding and Vary, drops Content-Length', async () => {
    const { out, bytes } = await run({}, 'gzip', text(big, { 'content-length': String(big.length) }));
    expect(out.headers['content-encoding']).toBe('gzip');
    expect(out.headers.vary).toBe('Accept-Encoding');
    expect(out.headers).not.toHaveProperty('content-length');
    expect(zlib.gunzipSync(bytes).toString()).toBe(big);
  });
  it('brotli-compresses a streamed body', async () => {
    const { out, bytes } = await run({}, 'br;q=1, gzip;q=0.5', text(streamOf(big, 100)));
    expect(out.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(bytes).toString()).toBe(big);
  });
  it('leaves small bodies (buffer or short stream) uncompressed', async () => {
    const small = await run({}, 'gzip', text('tiny'));
    expect(small.out.headers).not.toHaveProperty('content-encoding');
    expect(small.out.headers.vary).toBe('Accept-Encoding');
    const short = await run({ minResponseBodyBytes: 2000 }, 'gzip', text(streamOf('x'.repeat(1500), 100)));
    expect(short.out.headers).not.toHaveProperty('content-encoding');
    expect(short.bytes.toString()).toBe('x'.repeat(1500));
  });
  it('skips already encoded, excluded types, HEAD and SSE; honours includedContentTypes', async () => {
    expect((await run({}, 'gzip', text(big, { 'content-encoding': 'br' }))).bytes.toString()).toBe(big);
    expect((await run({}, 'gzip', { status: 200, headers: { 'content-type': 'text/event-stream' }, body: big })).out.headers).not.toHaveProperty('content-encoding');
    expect((await run({ excludedContentTypes: ['text/html'] }, 'gzip', text(big))).out.headers).not.toHaveProperty('content-encoding');
    expect((await run({ includedContentTypes: ['application/json'] }, 'gzip', text(big))).out.headers).not.toHaveProperty('content-encoding');
    expect((await run({}, 'gzip', text(big), 'HEAD')).out.headers).not.toHaveProperty('content-encoding');
    expect((await run({}, 'gzip', text(big, { 'cache-control': 'public, no-transform' }))).out.headers).not.toHaveProperty('content-encoding');
  });
  it('restricts to configured encodings and uses only what this Node supports', async () => {
    expect((await run({ encodings: ['gzip'] }, 'br, gzip;q=0.1', text(big))).out.headers['content-encoding']).toBe('gzip');
    expect(availableEncodings()).toContain('gzip');
    expect(availableEncodings().includes('zstd')).toBe(typeof (zlib as { createZstdCompress?: unknown }).createZstdCompress === 'function');
  });
});
