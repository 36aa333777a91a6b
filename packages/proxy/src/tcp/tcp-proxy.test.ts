import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';
import type { GenerationSource, TcpConnectionInfo, TcpEntryPointRoutes, TcpRoute, TcpUpstream } from '@wharf/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTcpConnections } from './tcp-connections.js';

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const upstream = (port: number, over: Partial<TcpUpstream> = {}): TcpUpstream =>
  ({ address: `127.0.0.1:${port}`, host: '127.0.0.1', port, tls: false, dialTimeoutMs: 2000, terminationDelayMs: 100, ...over });

function route(name: string, port: number, over: Partial<TcpRoute> = {}): TcpRoute {
  return { router: name, service: `${name}-svc`, tls: 'none', tlsOptions: 'default', admit: () => () => undefined, pick: () => upstream(port), ...over };
}

function routes(plainOnly: boolean, pick: (c: TcpConnectionInfo) => TcpRoute | undefined): GenerationSource {
  const r: TcpEntryPointRoutes = { plainOnly, route: pick, routePostgres: () => undefined };
  return { current: () => ({ id: 1, route: () => undefined, tcp: () => r }) };
}

/** wharf's TCP side on a plain listener; `fallback` stands for the HTTP side */
async function wharf(generations: GenerationSource, extra: Parameters<typeof createTcpConnections>[0] extends infer O ? Partial<O> : never = {}, fallback?: (s: Socket) => void) {
  const tcp = createTcpConnections({ name: 'ep', generations, peekTimeoutMs: 2000, ...extra });
  return listen(createServer({ allowHalfOpen: true, pauseOnConnect: true }, (s) => tcp.accept(s, fallback)));
}

function exchange(port: number, send: string | undefined, opts: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
      if (send !== undefined) s.write(send);
      if (opts.end) s.end();
    });
    let got = '';
    s.on('data', (d) => (got += d.toString()));
    s.on('end', () => s.end());
    s.on('close', () => resolve(got));
    s.on('error', reject);
  });
}

const echo = () => createServer({ allowHalfOpen: true }, (s) => {
  s.pipe(s);
});

let cert = '';
let key = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-tcp-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=db.test',
    '-addext', 'subjectAltName=DNS:db.test', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'c.pem'), 'utf8');
  key = readFileSync(join(dir, 'k.pem'), 'utf8');
});

describe('TCP forwarding on real sockets', () => {
  it('plain catch-all: bytes both ways, the client FIN reaches the server, its reply still arrives', async () => {
    const backend = await listen(createServer({ allowHalfOpen: true }, (s) => {
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('end', () => s.end(`bye after ${got}`));
    }));
    const port = await wharf(routes(true, () => route('r', backend)));
    expect(await exchange(port, 'hello', { end: true })).toBe('bye after hello');
  });

  it('server-speaks-first: the banner arrives before the client sends anything', async () => {
    const backend = await listen(createServer((s) => s.end('220 smtp ready\r\n')));
    const port = await wharf(routes(true, () => route('r', backend)));
    expect(await exchange(port, undefined)).toBe('220 smtp ready\r\n');
  });

  it('TLS passthrough by SNI: the client sees the backend certificate; plain connections take the plain route', async () => {
    const tlsBackend = await listen(createTlsServer({ cert, key }, (s) => s.end('from tls backend')) as unknown as Server);
    const plainBackend = await listen(createServer((s) => s.end('from plain backend')));
    const port = await wharf(routes(false, (c) => (c.tls ? (c.sni === 'db.test' ? route('sni', tlsBackend, { tls: 'passthrough' }) : undefined) : route('plain', plainBackend))));
    const text = await new Promise<string>((resolve, reject) => {
      const s = tlsConnect({ port, host: '127.0.0.1', servername: 'db.test', ca: cert }, () => {
        expect(s.getPeerCertificate().subject.CN).toBe('db.test');
      });
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('end', () => resolve(got));
      s.on('error', reject);
    });
    expect(text).toBe('from tls backend');
    expect(await exchange(port, 'PING\r\n')).toBe('from plain backend');
  });

  it('TLS termination with the given server options, then plain bytes to the server', async () => {
    const backend = await listen(echo());
    const port = await wharf(routes(false, () => route('t', backend, { tls: 'terminate' })), { secureOptions: () => ({ cert, key }) });
    const text = await new Promise<string>((resolve, reject) => {
      const s = tlsConnect({ port, host: '127.0.0.1', servername: 'db.test', ca: cert }, () => s.write('secret'));
      s.on('data', (d) => {
        resolve(d.toString());
        s.destroy();
      });
      s.on('error', reject);
    });
    expect(text).toBe('secret');
  });

  it('PROXY protocol v1 and v2 headers precede the client bytes', async () => {
    const received: Buffer[] = [];
    const backend = await listen(createServer((s) => s.once('data', (d) => {
      received.push(d);
      s.end('ok');
    })));
    for (const version of [1, 2] as const) {
      const port = await wharf(routes(true, () => route('p', backend, { pick: () => upstream(backend, { proxyProtocol: version }) })));
      expect(await exchange(port, 'x')).toBe('ok');
    }
    expect(received[0]!.toString()).toMatch(/^PROXY TCP4 127\.0\.0\.1 127\.0\.0\.1 \d+ \d+\r\n/);
    expect(received[1]!.subarray(0, 12)).toEqual(Buffer.from('0d0a0d0a000d0a515549540a', 'hex'));
    expect(received[1]![13]).toBe(0x11);
  });

  it('a refused client (ipAllowList) and a garbage ClientHello are closed, nothing sent', async () => {
    const backend = await listen(createServer((s) => s.end('never')));
    const refused = await wharf(routes(true, () => route('r', backend, { admit: () => undefined })));
    expect(await exchange(refused, 'x')).toBe('');
    const peeking = await wharf(routes(false, () => route('r', backend, { tls: 'passthrough' })));
    expect(await exchange(peeking, Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0xff, 0, 0, 0, 0]).toString('latin1'))).toBe('');
  });

  it('no TCP route matches: the socket goes to the HTTP side with its bytes', async () => {
    const port = await wharf(routes(false, () => undefined), {}, (s) => {
      s.resume();
      s.once('data', (d) => s.end(`http saw ${d.toString()}`));
    });
    expect(await exchange(port, 'GET / HTTP/1.1\r\n\r\n')).toBe('http saw GET / HTTP/1.1\r\n\r\n');
  });
});

/** the first bytes a real TLS client sends (its ClientHello), captured once */
async function clientHello(servername: string): Promise<Buffer> {
  const capture = createServer();
  const port = await listen(capture);
  const hello = new Promise<Buffer>((resolve) => capture.once('connection', (s) => s.once('data', (d: Buffer) => {
    resolve(d);
    s.destroy();
  })));
  const c = tlsConnect({ port, host: '127.0.0.1', servername, rejectUnauthorized: false });
  c.on('error', () => undefined);
  return hello;
}

describe('TLS termination that never completes (regression: the middleware gates were never released)', () => {
  it('a stalled or abandoned handshake releases the gate, closes the socket and is recorded once', async () => {
    const backend = await listen(echo());
    let held = 0;
    const records: Array<{ error?: string; server?: string }> = [];
    const admit = () => {
      held += 1;
      return () => void (held -= 1);
    };
    const port = await wharf(routes(false, () => route('t', backend, { tls: 'terminate', admit })), {
      secureOptions: () => ({ cert, key }), handshakeTimeoutMs: 200, onConnectionEnd: (r) => records.push(r),
    });
    const hello = await clientHello('db.test');
    for (const abandon of [false, true]) {
      const closed = new Promise<void>((resolve) => {
        const s = connect({ port, host: '127.0.0.1' }, () => {
          s.write(hello);
          if (abandon) setTimeout(() => s.destroy(), 50);
        });
        s.on('error', () => undefined);
        s.resume();
        s.on('close', () => resolve());
      });
      await closed;
      // the abandoned one is released when the client goes, well before the handshake timeout
      await new Promise((r) => setTimeout(r, abandon ? 50 : 0));
      expect(held).toBe(0);
    }
    expect(records.map((r) => r.error)).toEqual(['TLS handshake: timeout', 'TLS handshake: client closed']);
    expect(records.every((r) => r.server === undefined)).toBe(true);
  });
});
