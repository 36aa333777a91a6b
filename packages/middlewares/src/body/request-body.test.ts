import { describe, expect, it } from 'vitest';
import { fakeExchange } from '../testing/exchange.js';
import { bufferRequestBody } from './request-body.js';

async function readAll(ex: ReturnType<typeof fakeExchange>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ex.req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('bufferRequestBody', () => {
  it('buffers a body within the limit', async () => {
    const ex = fakeExchange({ method: 'POST', body: 'hello' });
    expect(await bufferRequestBody(ex, 10)).toBe('buffered');
    expect(ex.body?.toString()).toBe('hello');
  });
  it('does not read a declared length over the limit', async () => {
    const ex = fakeExchange({ method: 'POST', body: 'hello world', headers: { 'content-length': '11' } });
    expect(await bufferRequestBody(ex, 5)).toBe('too-large');
    expect(ex.body).toBeUndefined();
    expect(await readAll(ex)).toBe('hello world');
  });
  it('pushes back an unknown-length body that overflows, so it can still be streamed', async () => {
    const ex = fakeExchange({ method: 'POST', body: 'x'.repeat(100) });
    expect(await bufferRequestBody(ex, 10)).toBe('too-large');
    expect(ex.body).toBeUndefined();
    expect(await readAll(ex)).toBe('x'.repeat(100));
  });
  it('buffers an empty body', async () => {
    const ex = fakeExchange();
    expect(await bufferRequestBody(ex, 10)).toBe('buffered');
    expect(ex.body?.length).toBe(0);
  });
});
