import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import type { TcpConnectionRecord } from '@wharf/config';
import type { GenerationSource, TcpConnectionInfo, TcpRoute } from '@wharf/runtime';
import { POSTGRES_SSL_REQUEST } from '@wharf/tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslCertificate } from '../fixtures/certificates.js';
import { withPostgresAlpn } from './postgres-starttls.js';
import { createTcpConnections } from './tcp-connections.js';

const SSL_REQUEST = Buffer.from(POSTGRES_SSL_REQUEST);
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

let cert = '';
let key = '';
beforeAll(() => {
  ({ certPem: cert, keyPem: key } = opensslCertificate('db.test', ['db.test']));
});

function route(port: number, tls: TcpRoute['tls'], dialTimeoutMs = 2000): TcpRoute {
  const upstream = { address: `127.0.0.1:${port}`, host: '127.0.0.1', port, tls: false, dialTimeoutMs, terminationDelayMs: 100 };
  return { router: `pg-${tls}`, service: 'pg', tls, tlsOptions: 'default', admit: () => () => undefined, pick: () => upstream };
}

/** wharf's TCP side where only `db.test` after an SSLRequest has a route; `seen` records what was asked */
async function wharf(pg: TcpRoute, seen: { plain: TcpConnectionInfo[]; records: TcpConnectionRecord[] }): Promise<number> {
  const generations: GenerationSource = {
    current: () => ({
      id: 1,
      route: () => undefined,
      tcp: () => ({
        plainOnly: false,
        route: (c) => void seen.plain.push(c),
        routePostgres: (c) => (c.sni === 'db.test' ? pg : undefined),
      }),
    }),
  };
  const tcp = createTcpConnections({ name: 'ep', generations, peekTimeoutMs: 400, secureOptions: () => ({ cert, key }), onConnectionEnd: (r) => seen.records.push(r) });
  return listen(createServer({ allowHalfOpen: true, pauseOnConnect: true }, (s) => tcp.accept(s, (h) => h.end('http side'))));
}

/** a Postgres client's STARTTLS: SSLRequest, wait for its one-byte answer, then TLS with `servername` */
async function startTls(port: number, servername: string): Promise<{ answer: string; secure: TLSSocket }> {
  const raw = connect({ port, host: '127.0.0.1' });
  await once(raw, 'connect');
  raw.write(SSL_REQUEST);
  const [answer] = (await once(raw, 'data')) as [Buffer];
  const secure = tlsConnect({ socket: raw, servername, ca: cert });
  secure.on('error', () => undefined);
  return { answer: answer.toString(), secure };
}

/** the reply to `text`, and the certificate the client saw */
async function ask(secure: TLSSocket, text: string): Promise<{ reply: string; cn: unknown }> {
  await once(secure, 'secureConnect');
  const cn = secure.getPeerCertificate().subject.CN;
  secure.write(text);
  const [reply] = (await once(secure, 'data')) as [Buffer];
  secure.destroy();
  return { reply: reply.toString(), cn };
}

/** resolves when the socket is gone, whatever the reason (`once` would reject on its error) */
const closed = (s: Socket): Promise<void> => new Promise((resolve) => s.once('close', () => resolve()));

/** a server doing what Postgres does with an SSLRequest: `answer` (then TLS if it said S), echoing `pg:` + bytes */
async function postgresLike(answer: Buffer): Promise<{ port: number; requests: Buffer[] }> {
  const requests: Buffer[] = [];
  const port = await listen(createServer((s) => {
    s.on('error', () => undefined);
    s.once('data', (first: Buffer) => {
      requests.push(first);
      s.write(answer);
      if (answer.toString() !== 'S') return void s.end();
      const secure = new TLSSocket(s, { isServer: true, cert, key });
      secure.on('error', () => undefined);
      secure.on('data', (d: Buffer) => secure.write(`pg:${d.toString()}`));
    });
  }));
  return { port, requests };
}

/** everything a raw client receives until the connection closes, and how long that took */
async function rawExchange(port: number, send: Buffer[]): Promise<{ got: string; ms: number }> {
  const started = Date.now();
  const s: Socket = connect({ port, host: '127.0.0.1' });
  s.on('error', () => undefined);
  await once(s, 'connect');
  for (const b of send) s.write(b);
  let got = '';
  s.on('data', (d: Buffer) => (got += d.toString('latin1')));
  await closed(s);
  return { got, ms: Date.now() - started };
}

const fresh = () => ({ plain: [] as TcpConnectionInfo[], records: [] as TcpConnectionRecord[] });

describe('Postgres STARTTLS on a TCP entrypoint (real sockets)', () => {
  it('terminated: S, a TLS handshake with wharf, then plain bytes to the server (no SSLRequest sent to it)', async () => {
    const received: Buffer[] = [];
    const backend = await listen(createServer((s) => s.on('data', (d: Buffer) => (received.push(d), s.write(d)))));
    const seen = fresh();
    const { answer, secure } = await startTls(await wharf(route(backend, 'terminate'), seen), 'db.test');
    expect(answer).toBe('S');
    expect(await ask(secure, 'startup message')).toEqual({ reply: 'startup message', cn: 'db.test' });
    expect(Buffer.concat(received).toString()).toBe('startup message');
    expect(seen.plain).toEqual([]);
  });

  it('passthrough: wharf sends the server its own SSLRequest, keeps its S, then the TLS bytes flow end to end', async () => {
    const pg = await postgresLike(Buffer.from('S'));
    const { answer, secure } = await startTls(await wharf(route(pg.port, 'passthrough'), fresh()), 'db.test');
    expect(answer).toBe('S');
    expect(await ask(secure, 'hello')).toEqual({ reply: 'pg:hello', cn: 'db.test' });
    expect(pg.requests.map((r) => r.toString('hex'))).toEqual([SSL_REQUEST.toString('hex')]);
  });

  it.each([
    ['N (a server without TLS)', Buffer.from('N'), "answered 'N' (no TLS)"],
    ['S followed by bytes before any ClientHello (an injection attempt)', Buffer.from('Sinjected'), 'answered 9 unexpected byte(s) starting 0x53696e6a'],
    ['an error message', Buffer.from('E\0\0\0\x05x'), 'unexpected byte(s) starting 0x45'],
  ])('passthrough, the server answers %s: closed, nothing of it relayed, recorded with its code', async (_what, reply, reason) => {
    const pg = await postgresLike(reply);
    const seen = fresh();
    const { answer, secure } = await startTls(await wharf(route(pg.port, 'passthrough'), seen), 'db.test');
    expect(answer).toBe('S');
    await closed(secure);
    expect(seen.records).toHaveLength(1);
    expect(seen.records[0]!.error).toContain(reason);
  });

  it('passthrough, the server never answers: closed at the dial timeout', async () => {
    const silent = await listen(createServer((s) => s.on('error', () => undefined)));
    const seen = fresh();
    const started = Date.now();
    const { secure } = await startTls(await wharf(route(silent, 'passthrough', 300), seen), 'db.test');
    await closed(secure);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(seen.records[0]!.error).toMatch(/timeout/);
  });

  it('half an SSLRequest, then silence: closed at the read timeout (400 ms here), nothing answered', async () => {
    const port = await wharf(route(1, 'terminate'), fresh());
    const { got, ms } = await rawExchange(port, [SSL_REQUEST.subarray(0, 5)]);
    expect(got).toBe('');
    expect(ms).toBeGreaterThanOrEqual(380);
    expect(ms).toBeLessThan(2000);
  });

  it('an SSLRequest in single bytes is still one: S answered', async () => {
    const port = await wharf(route(1, 'terminate'), fresh());
    const s = connect({ port, host: '127.0.0.1' });
    s.on('error', () => undefined);
    await once(s, 'connect');
    for (const byte of SSL_REQUEST) {
      s.write(Buffer.of(byte));
      await new Promise((r) => setTimeout(r, 5));
    }
    const [answer] = (await once(s, 'data')) as [Buffer];
    expect(answer.toString()).toBe('S');
    s.destroy();
  });

  it.each([
    ['plaintext after the SSLRequest', [SSL_REQUEST, Buffer.from('GET / HTTP/1.1\r\n\r\n')]],
    ['a second SSLRequest', [SSL_REQUEST, SSL_REQUEST]],
    ['a broken TLS record', [SSL_REQUEST, Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0xff, 0, 0, 0, 0])]],
  ])('%s: S, then closed; neither TCP nor HTTP routing sees it', async (_what, send) => {
    const seen = fresh();
    const { got } = await rawExchange(await wharf(route(1, 'terminate'), seen), send);
    expect(got).toBe('S');
    expect(seen.plain).toEqual([]);
    expect(seen.records).toEqual([]);
  });

  it('an SSLRequest, then nothing: S, then closed at what is left of the read timeout', async () => {
    const { got, ms } = await rawExchange(await wharf(route(1, 'terminate'), fresh()), [SSL_REQUEST]);
    expect(got).toBe('S');
    expect(ms).toBeGreaterThanOrEqual(380);
    expect(ms).toBeLessThan(2000);
  });

  it('a ClientHello for an SNI without TLS TCP router: S, then closed (not handed to HTTP)', async () => {
    const seen = fresh();
    const { answer, secure } = await startTls(await wharf(route(1, 'terminate'), seen), 'other.test');
    expect(answer).toBe('S');
    await closed(secure);
    expect(seen.plain).toEqual([]);
  });

  it('a GSSENCRequest is not an SSLRequest: plaintext routing, then the HTTP side, with its bytes', async () => {
    const seen = fresh();
    const gss = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30]);
    const { got } = await rawExchange(await wharf(route(1, 'terminate'), seen), [gss]);
    expect(got).toBe('http side');
    expect(seen.plain.map((c) => c.tls)).toEqual([false]);
  });
});

describe('withPostgresAlpn', () => {
  it('puts postgresql first, once, and keeps the rest of the options', () => {
    expect(withPostgresAlpn({ ALPNProtocols: ['h2', 'http/1.1', 'acme-tls/1'], cert })).toEqual({ ALPNProtocols: ['postgresql', 'h2', 'http/1.1', 'acme-tls/1'], cert });
    expect(withPostgresAlpn({ ALPNProtocols: ['http/1.1', 'postgresql'] }).ALPNProtocols).toEqual(['postgresql', 'http/1.1']);
    expect(withPostgresAlpn({}).ALPNProtocols).toEqual(['postgresql']);
  });
});
