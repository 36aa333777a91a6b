import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './fixtures/harness.js';
import { oneResponse, rawExchange } from './fixtures/raw-socket.js';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  rawCount: number;
}

let upstream: Server;
let stack: Stack;
let strict: Stack;
const seen: Seen[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers, rawCount: req.rawHeaders.length / 2 });
    res.end('ok');
  });
  upstream.maxHeadersCount = 0;
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  // host → handler, as a router table would: `secure.example` is the one a smuggler wants
  stack = await startStack({
    routes: ({ forwardTo }) => ({ 'a.example': forwardTo(url), 'secure.example': () => Promise.resolve({ status: 403, headers: {}, body: 'Forbidden' }) }),
  });
  strict = await startStack({
    entryPoint: { http: { sanitizePath: false, encodedCharacters: { allowEncodedSlash: false, allowEncodedNullCharacter: false } } },
    routes: ({ forwardTo }) => ({ 'a.example': forwardTo(url) }),
  });
});
afterAll(async () => {
  await stack.close();
  await strict.close();
  upstream.close();
});

const status = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);

async function exchange(head: string, on: Stack = stack): Promise<{ status: number; reached: Seen[] }> {
  const before = seen.length;
  const { text } = await rawExchange(on.port, head, 3000, oneResponse);
  await new Promise((r) => setTimeout(r, 20)); // a request wrongly forwarded would be seen by now
  return { status: status(text), reached: seen.slice(before) };
}

describe('absolute-form request target (Go: the authority is the host)', () => {
  it('routes, forwards Host and X-Forwarded-Host by the target authority, not the Host header', async () => {
    const r = await exchange('GET http://a.example/p?q=1 HTTP/1.1\r\nHost: secure.example\r\n\r\n');
    expect(r.status).toBe(200);
    expect(r.reached).toHaveLength(1);
    expect(r.reached[0]).toMatchObject({ url: '/p?q=1' });
    expect(r.reached[0]?.headers.host).toBe('a.example');
    expect(r.reached[0]?.headers['x-forwarded-host']).toBe('a.example');
  });

  it('cannot reach a router by Host while the target names another', async () => {
    expect((await exchange('GET http://secure.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n')).status).toBe(403);
  });

  it('answers 400 to a non-http scheme or a bad authority', async () => {
    for (const target of ['ftp://a.example/', 'http://a example/', 'http://[::1/', 'http:///x']) {
      const r = await exchange(`GET ${target} HTTP/1.1\r\nHost: a.example\r\n\r\n`);
      expect(r.status, target).toBe(400);
      expect(r.reached).toHaveLength(0);
    }
  });
});

describe('Host validation (stricter than Go)', () => {
  const bad = ['Host: a.example\r\nHost: a.example', 'Host: a.example\r\nhost: secure.example', 'Host: a example', 'Host: a.example/x', 'Host: [::1', 'Host:', 'Host: a,b'];
  for (const h of bad) {
    it(`400 for ${JSON.stringify(h)}`, async () => {
      const r = await exchange(`GET / HTTP/1.1\r\n${h}\r\n\r\n`);
      expect(r.status).toBe(400);
      expect(r.reached).toHaveLength(0);
    });
  }

  it('HTTP/1.0 may omit Host', async () => {
    expect((await exchange('GET / HTTP/1.0\r\n\r\n')).status).toBe(404);
  });

  it('OPTIONS * is answered by the entrypoint; another method with * is 400', async () => {
    const options = await exchange('OPTIONS * HTTP/1.1\r\nHost: a.example\r\n\r\n');
    expect(options).toEqual({ status: 200, reached: [] });
    expect((await exchange('GET * HTTP/1.1\r\nHost: a.example\r\n\r\n')).status).toBe(400);
  });
});

describe('headers', () => {
  it('forwards every header past node:http’s 1000-header default instead of dropping the rest', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => `x-h${i}: v`).join('\r\n');
    const r = await exchange(`GET / HTTP/1.1\r\nHost: a.example\r\n${many}\r\n\r\n`);
    expect(r.status).toBe(200);
    expect(r.reached[0]?.headers['x-h1499']).toBe('v');
  });

  it('a client Connection list cannot strip the forwarded headers wharf sets (CVE-2024-45410)', async () => {
    const r = await exchange('GET / HTTP/1.1\r\nHost: a.example\r\nConnection: keep-alive, X-Forwarded-Host, X-Real-Ip, X-Forwarded-For, X-Private\r\nX-Private: 1\r\n\r\n');
    const h = r.reached[0]?.headers ?? {};
    expect(h['x-forwarded-host']).toBe('a.example');
    expect(h['x-real-ip']).toBe('127.0.0.1');
    expect(h['x-forwarded-for']).toBe('127.0.0.1');
    expect(h['x-private']).toBeUndefined();
  });

  it('drops underscore spellings of the forwarded headers from an untrusted client', async () => {
    const r = await exchange('GET / HTTP/1.1\r\nHost: a.example\r\nX_Forwarded_For: 203.0.113.7\r\nx_real_ip: 203.0.113.7\r\n\r\n');
    expect(Object.keys(r.reached[0]?.headers ?? {}).filter((k) => k.includes('_'))).toEqual([]);
  });
});

describe('path sanitizing and encoded characters', () => {
  it('forwards the cleaned path by default', async () => {
    for (const [path, want] of [
      ['/x/../admin', '/admin'],
      ['//admin', '/admin'],
      ['/./admin', '/admin'],
      ['/x/%2e%2e/admin', '/admin'],
      ['/a/%41?x=/../', '/a/A?x=/../'],
    ]) {
      const r = await exchange(`GET ${path} HTTP/1.1\r\nHost: a.example\r\n\r\n`);
      expect(r.reached[0]?.url, path).toBe(want);
    }
  });

  it('sanitizePath=false forwards dot-segments (escapes still normalised)', async () => {
    const r = await exchange('GET /x/../%61dmin HTTP/1.1\r\nHost: a.example\r\n\r\n', strict);
    expect(r.reached[0]?.url).toBe('/x/../admin');
  });

  it('denied encoded characters answer 400 once routed, 404 when nothing matches, never on the query', async () => {
    expect(await exchange('GET /a%2fb HTTP/1.1\r\nHost: a.example\r\n\r\n', strict)).toEqual({ status: 400, reached: [] });
    expect(await exchange('GET /a%00 HTTP/1.1\r\nHost: a.example\r\n\r\n', strict)).toEqual({ status: 400, reached: [] });
    expect((await exchange('GET /a%2fb HTTP/1.1\r\nHost: nobody.example\r\n\r\n', strict)).status).toBe(404);
    expect((await exchange('GET /a%3Bb?x=%2F HTTP/1.1\r\nHost: a.example\r\n\r\n', strict)).status).toBe(200);
  });
});
