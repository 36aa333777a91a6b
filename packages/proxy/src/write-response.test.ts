import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { writeResponse, writeText } from './write-response.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

function get(port: number): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: res.statusMessage ?? '', headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

describe('writeText after a failed writeResponse (issue 11, hole 9)', () => {
  it('answers 502 Bad Gateway, never "502 OK", without the headers of the failed attempt', async () => {
    server = createServer((_req, res) => {
      try {
        writeResponse(res, { status: 200, headers: { 'x-before': 'kept?', 'x-bad': 'a\r\nInjected: 1' }, body: 'hello' });
      } catch {
        writeText(res, 502, 'Bad Gateway');
      }
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const got = await get((server.address() as AddressInfo).port);
    expect(got.status).toBe(502);
    expect(got.text).toBe('Bad Gateway');
    expect(got.headers['x-before']).toBeUndefined();
    expect(got.headers.injected).toBeUndefined();
  });
});
