import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as netConnect, createServer as netServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { POSTGRES_SSL_REQUEST } from '@wharf/tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from '../testing/harness.js';
import { startRecordingBackend, type RecordingBackend } from './backends.js';
import { captureClientHello as clientHello, rawConnection } from './raw-clients.js';

/** what came back as text (the assertions compare it with `S`) */
const raw = async (parts: Buffer[], gapMs = 0) => {
  const got = await rawConnection(port, parts, gapMs);
  return { ...got, data: got.data.toString('latin1') };
};

/**
 * The hostile-Postgres corpus: one shared entrypoint (read timeout 1 s) with a TCP router
 * terminating TLS for `db.test`, an HTTPS router for `app.test` and a plain HTTP router, and
 * clients that abuse the SSLRequest preamble. Every bad connection is closed (after at most the
 * one-byte `S`) within the read timeout; no byte of it reaches the TCP server or the HTTP side.
 */

const SSL_REQUEST = Buffer.from(POSTGRES_SSL_REQUEST);
let dir: string;
let t: TestWharf;
let app: RecordingBackend;
let db: Server;
const dbReceived: Buffer[] = [];
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-hostile-pg-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=db.test',
    '-addext', 'subjectAltName=DNS:db.test,DNS:app.test', '-keyout', 'k.pem', '-out', 'c.pem'], { cwd: dir, stdio: 'ignore' });
  app = await startRecordingBackend('app');
  db = netServer((s) => s.on('data', (d: Buffer) => (dbReceived.push(d), s.write(d))));
  await new Promise<void>((r) => db.listen(0, '127.0.0.1', r));
  t = await startTestWharf({
    http: {
      routers: {
        web: { rule: 'PathPrefix(`/`)', entryPoints: ['shared'], service: 'app' },
        secure: { rule: 'Host(`app.test`)', entryPoints: ['shared'], service: 'app', tls: {} },
      },
      services: { app: { loadBalancer: { servers: [{ url: app.url }] } } },
    },
    tcp: {
      routers: { db: { rule: 'HostSNI(`db.test`)', entryPoints: ['shared'], service: 'db', tls: {} } },
      services: { db: { loadBalancer: { servers: [{ address: `127.0.0.1:${(db.address() as AddressInfo).port}` }] } } },
    },
    tls: { certificates: [{ certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem') }] },
  }, ['--entrypoints.shared.address=127.0.0.1:0', '--entrypoints.shared.transport.respondingtimeouts.readtimeout=1s']);
  port = t.wharf.addresses['shared']!.port;
});
afterAll(async () => {
  await t?.close();
  db?.close();
  await app?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** A Postgres client's STARTTLS to `db.test` and one exchange (the healthy path). */
async function starttls(text: string): Promise<string> {
  const rawSocket = netConnect({ host: '127.0.0.1', port });
  await once(rawSocket, 'connect');
  rawSocket.write(SSL_REQUEST);
  await once(rawSocket, 'data');
  const secure = tlsConnect({ socket: rawSocket, servername: 'db.test', rejectUnauthorized: false });
  await once(secure, 'secureConnect');
  secure.write(text);
  const [reply] = (await once(secure, 'data')) as [Buffer];
  secure.destroy();
  return reply.toString();
}

describe('hostile-Postgres corpus against a running wharf', () => {
  it('[pg] half an SSLRequest, then silence: closed at the read timeout (1 s), nothing answered', async () => {
    const got = await raw([SSL_REQUEST.subarray(0, 6)]);
    expect(got).toMatchObject({ data: '', closedByPeer: true });
    expect(got.ms).toBeGreaterThanOrEqual(900);
    expect(got.ms).toBeLessThan(3_000);
  });

  it('[pg] an SSLRequest, then silence: S, then closed at the read timeout', async () => {
    const got = await raw([SSL_REQUEST]);
    expect(got).toMatchObject({ data: 'S', closedByPeer: true });
    expect(got.ms).toBeLessThan(3_000);
  });

  it('[pg] the SSLRequest byte by byte, then a truncated ClientHello: one timeout for the whole preamble', async () => {
    const hello = await clientHello('db.test');
    const got = await raw([...[...SSL_REQUEST].map((b) => Buffer.of(b)), hello.subarray(0, 40)], 50);
    expect(got).toMatchObject({ data: 'S', closedByPeer: true });
    expect(got.ms).toBeLessThan(2_000);
  });

  it.each([
    ['plaintext HTTP', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
    ['a second SSLRequest', SSL_REQUEST],
    ['a StartupMessage (a client ignoring the S)', Buffer.from([0, 0, 0, 9, 0, 3, 0, 0, 0])],
    ['a handshake record header then garbage', Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x08]), Buffer.from('notahello')])],
    ['64 KiB of 0x16', Buffer.alloc(64 * 1024, 0x16)],
  ])('[pg] an SSLRequest, then %s: S, then closed at once', async (_what, after) => {
    const got = await raw([SSL_REQUEST, after], 20);
    expect(got).toMatchObject({ data: 'S', closedByPeer: true });
    expect(got.ms).toBeLessThan(900);
  });

  it('[pg] a record header announcing 16 KB that never comes after the SSLRequest: closed at the read timeout', async () => {
    const got = await raw([SSL_REQUEST, Buffer.from([0x16, 0x03, 0x01, 0x40, 0x00, 0x01])], 20);
    expect(got).toMatchObject({ data: 'S', closedByPeer: true });
    expect(got.ms).toBeLessThan(3_000);
  });

  it('[pg] SSLRequest and ClientHello in one segment (not waiting for the S): S, then the ServerHello', async () => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    socket.write(Buffer.concat([SSL_REQUEST, await clientHello('db.test')]));
    let got = Buffer.alloc(0);
    while (got.length < 3) got = Buffer.concat([got, ((await once(socket, 'data')) as [Buffer])[0]]);
    socket.destroy();
    // S, then a TLS handshake record (version 3.x)
    expect([...got.subarray(0, 3)]).toEqual([0x53, 0x16, 0x03]);
  });

  it('[pg] a ClientHello for the HTTPS host after an SSLRequest: S, then closed (HTTPS routers are not Postgres routes)', async () => {
    const got = await raw([SSL_REQUEST, await clientHello('app.test')], 20);
    expect(got).toMatchObject({ data: 'S', closedByPeer: true });
  });

  it('[pg] 200 half SSLRequests at once are all closed at the read timeout; a real client gets through meanwhile', async () => {
    const stalled = Array.from({ length: 200 }, () => raw([SSL_REQUEST.subarray(0, 4)]));
    expect(await starttls('meanwhile')).toBe('meanwhile');
    const results = await Promise.all(stalled);
    expect(results.every((r) => r.closedByPeer && r.data === '' && r.ms < 4_000)).toBe(true);
  });

  it('after the corpus: STARTTLS and HTTP still served; the TCP server and the app saw only the real clients', async () => {
    expect(await starttls('after')).toBe('after');
    const res = await fetch(`http://127.0.0.1:${port}/after`);
    expect(res.status).toBe(200);
    expect(Buffer.concat(dbReceived).toString()).toBe('meanwhileafter');
    expect(app.seen.map((r) => r.url)).toEqual(['/after']);
  });
});
