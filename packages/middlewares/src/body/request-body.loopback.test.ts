import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackServer } from '../testing/loopback.js';
import { bufferRequestBody } from './request-body.js';

let server: Awaited<ReturnType<typeof loopbackServer>>;

beforeAll(async () => {
  server = await loopbackServer(async (ex) => {
    const outcome = await bufferRequestBody(ex, 10_000);
    let total = ex.body?.length ?? 0;
    if (outcome === 'too-large') for await (const c of ex.req) total += (c as Buffer).length;
    return `${outcome}:${total}`;
  });
});
afterAll(() => server.close());

async function post(body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return res.text();
}

function chunked(total: number, chunk = 4096): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(97));
    },
  });
}

describe('bufferRequestBody over a real socket', () => {
  it('resolves at once for a GET without a body', async () => {
    expect(await (await fetch(server.url)).text()).toBe('buffered:0');
  });
  it('buffers a small body', async () => {
    expect(await post(new Uint8Array(5000))).toBe('buffered:5000');
  });
  it('skips a declared large body and lets it stream whole', async () => {
    expect(await post(new Uint8Array(100_000))).toBe('too-large:100000');
  });
  it('pushes back a chunked body that overflows, so it still streams whole', async () => {
    expect(await post(chunked(100_000))).toBe('too-large:100000');
    expect(await post(chunked(8000))).toBe('buffered:8000');
  });
});
