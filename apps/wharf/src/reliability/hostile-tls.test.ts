import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as h2connect } from 'node:http2';
import { connect as netConnect, createServer as netServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from '../testing/harness.js';
import { startRecordingBackend, type RecordingBackend } from './backends.js';
import { captureClientHello as clientHello, rawConnection } from './raw-clients.js';

const raw = (parts: Buffer[], gapMs = 0) => rawConnection(port, parts, gapMs);

/**
 * The hostile-TLS corpus: a real wharf with a TLS entrypoint serving `public.test` (default TLS
 * options) and `admin.test` (options requiring a client certificate, which no test presents), and
 * raw or mangled TLS traffic. `admin` must never see a request; every bad connection is closed
 * or refused, and wharf keeps serving. To keep a fix fixed, add a case.
 */

let dir: string;
let t: TestWharf;
let app: RecordingBackend;
let admin: RecordingBackend;
let port: number;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-hostile-tls-'));
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=public.test',
    '-addext', 'subjectAltName=DNS:public.test,DNS:admin.test', '-keyout', 'edge.key', '-out', 'edge.crt']);
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=clients', '-keyout', 'ca.key', '-out', 'ca.crt']);
  [app, admin] = await Promise.all([startRecordingBackend('app'), startRecordingBackend('admin')]);
  t = await startTestWharf(
    {
      http: {
        routers: {
          public: { rule: 'Host(`public.test`)', entryPoints: ['websecure'], service: 'app', tls: {} },
          admin: { rule: 'Host(`admin.test`)', entryPoints: ['websecure'], service: 'admin', tls: { options: 'mtls' } },
        },
        services: { app: { loadBalancer: { servers: [{ url: app.url }] } }, admin: { loadBalancer: { servers: [{ url: admin.url }] } } },
      },
      tls: {
        certificates: [{ certFile: readFileSync(join(dir, 'edge.crt'), 'utf8'), keyFile: readFileSync(join(dir, 'edge.key'), 'utf8') }],
        options: { mtls: { clientAuth: { caFiles: [join(dir, 'ca.crt')], clientAuthType: 'RequireAndVerifyClientCert' } } },
      },
    },
    ['--entrypoints.websecure.address=127.0.0.1:0', '--entrypoints.websecure.transport.respondingtimeouts.readtimeout=1s', '--entrypoints.websecure.transport.respondingtimeouts.idletimeout=2s'],
  );
  port = t.wharf.addresses['websecure']!.port;
});
afterAll(async () => {
  await t?.close();
  await Promise.all([app?.kill(), admin?.kill()]);
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  status?: number;
  /** the connection ended without an HTTP answer (refused handshake, closed by wharf) */
  closed?: boolean;
}

/** One HTTPS/1.1 request on a fresh connection; `via` connects through something else first. */
function https(sni: string, host: string, o: ConnectionOptions = {}, via?: Socket): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ ...(via ? { socket: via } : { host: '127.0.0.1', port }), servername: sni, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], ...o });
    let data = '';
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on('secureConnect', () => socket.write(`GET /x HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (c: Buffer) => (data += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data.startsWith('HTTP/1.1 ') ? { status: Number(data.slice(9, 12)) } : { closed: true }));
  });
}

/** A relay to wharf that passes the client's first bytes on one at a time (a ClientHello in 1-byte TCP segments). */
async function fragmentingRelay(): Promise<{ socket: () => Socket; close: () => void }> {
  const server = netServer((inbound) => {
    const outbound = netConnect({ host: '127.0.0.1', port });
    outbound.setNoDelay(true);
    let first = true;
    inbound.on('data', async (chunk: Buffer) => {
      if (!first) return void outbound.write(chunk);
      first = false;
      inbound.pause();
      for (const byte of chunk) {
        outbound.write(Buffer.from([byte]));
        await new Promise((r) => setImmediate(r));
      }
      inbound.resume();
    });
    outbound.pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
    inbound.on('close', () => outbound.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const relayPort = (server.address() as { port: number }).port;
  return { socket: () => netConnect({ host: '127.0.0.1', port: relayPort }), close: () => server.close() };
}

describe('hostile-TLS corpus against a running wharf', () => {
  it('[fronting] SNI of a public host, Host of the mTLS host: 421 over HTTP/1.1', async () => {
    expect(await https('public.test', 'admin.test')).toEqual({ status: 421 });
  });

  it('[fronting] the same on a reused HTTP/2 connection, per stream', async () => {
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'public.test', rejectUnauthorized: false });
    const status = (authority: string) =>
      new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/', ':authority': authority });
        stream.on('response', (h) => resolve(Number(h[':status'])));
        stream.on('error', reject);
        stream.resume();
        stream.end();
      });
    try {
      expect(await status('admin.test')).toBe(421);
      expect(await status('public.test')).toBe(200);
      // a Host header beside :authority does not choose the router (:authority wins, as Go and HAProxy)
      const both = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/', ':authority': 'public.test', host: 'admin.test' });
        stream.on('response', (h) => resolve(Number(h[':status'])));
        stream.on('error', reject);
        stream.resume();
        stream.end();
      });
      expect(both).toBe(200);
    } finally {
      session.close();
    }
  });

  it('[h2] a browser-sized header list is served; one over 32 KiB is refused and the next request still works', async () => {
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'public.test', rejectUnauthorized: false });
    session.on('error', () => undefined);
    const status = (extra: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const stream = session.request({ ':path': '/', ':authority': 'public.test', ...extra });
        stream.on('response', (h) => resolve(Number(h[':status'])));
        stream.on('error', () => resolve(0));
        stream.on('close', () => resolve(0));
        stream.resume();
        stream.end();
      });
    const browser = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-browser-${i}`, 'v'.repeat(40)]));
    try {
      // Node's http2 server treated "no limit" (0 pairs) as its minimum of 4: any real client was reset
      expect(await status({ 'user-agent': 'Mozilla/5.0', accept: '*/*', ...browser })).toBe(200);
      expect(await status({ 'x-huge': 'h'.repeat(40 * 1024) })).not.toBe(200);
    } finally {
      session.close();
    }
    expect(await https('public.test', 'public.test')).toEqual({ status: 200 });
  });

  it('[h2] a client may open 250 concurrent streams per connection (Traefik\'s default; Node\'s own is 2³²−1)', async () => {
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'public.test', rejectUnauthorized: false });
    try {
      await new Promise<void>((resolve) => session.once('remoteSettings', () => resolve()));
      expect(session.remoteSettings.maxConcurrentStreams).toBe(250);
    } finally {
      session.close();
    }
  });

  it('[h2] an idle HTTP/2 connection is closed at idleTimeout (2 s here), as an idle HTTP/1.1 one', async () => {
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'public.test', rejectUnauthorized: false });
    session.on('error', () => undefined);
    const started = Date.now();
    const closed = new Promise<number>((resolve) => session.once('close', () => resolve(Date.now() - started)));
    const ms = await closed;
    expect(ms).toBeGreaterThan(1_500);
    expect(ms).toBeLessThan(6_000);
  });

  it('[fronting] the mTLS host by its own SNI without a client certificate: handshake refused', async () => {
    expect(await https('admin.test', 'admin.test')).toEqual({ closed: true });
  });

  it('[split] plaintext HTTP for a TLS-only host on the same port: 404, never routed to it', async () => {
    const { data } = await raw([Buffer.from('GET / HTTP/1.1\r\nHost: admin.test\r\nConnection: close\r\n\r\n')]);
    expect(data.toString('latin1')).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('[hello] garbage after a handshake record header: closed, nothing answered', async () => {
    const got = await raw([Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x08]), Buffer.from('notahello')])]);
    expect(got).toMatchObject({ closedByPeer: true });
    expect(got.data.length).toBe(0);
  });

  it('[hello] SSLv2-style first byte: closed without an answer', async () => {
    const got = await raw([Buffer.from([0x80, 0x2e, 0x01, 0x00, 0x02, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10])]);
    expect(got.closedByPeer).toBe(true);
    expect(got.data.toString('latin1')).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('[hello] a truncated ClientHello, then silence: closed at the read timeout (1 s), not held', async () => {
    const hello = await clientHello('public.test');
    const got = await raw([hello.subarray(0, 40)]);
    expect(got.closedByPeer).toBe(true);
    expect(got.ms).toBeLessThan(4_000);
  });

  it('[hello] a record header announcing 16 KB that never comes: closed at the read timeout', async () => {
    const got = await raw([Buffer.from([0x16, 0x03, 0x01, 0x40, 0x00, 0x01])]);
    expect(got.closedByPeer).toBe(true);
    expect(got.ms).toBeLessThan(4_000);
  });

  it('[hello] a ClientHello in 1-byte TCP segments is reassembled and served', async () => {
    const relay = await fragmentingRelay();
    try {
      expect(await https('public.test', 'public.test', {}, relay.socket())).toEqual({ status: 200 });
    } finally {
      relay.close();
    }
  });

  it('[hello] SNI in upper case routes as lower case; an unknown SNI gets the default certificate and 404', async () => {
    expect(await https('PUBLIC.TEST', 'public.test')).toEqual({ status: 200 });
    expect(await https('nobody.test', 'nobody.test')).toEqual({ status: 404 });
  });

  it('after the corpus: wharf serves, and the mTLS router never saw a request', async () => {
    expect(await https('public.test', 'public.test')).toEqual({ status: 200 });
    expect(admin.seen).toEqual([]);
  });
});
