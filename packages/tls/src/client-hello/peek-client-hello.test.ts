import { createServer as createHttpServer, get } from 'node:http';
import { connect as netConnect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDefaultCertificate } from '../certificates/default-certificate.js';
import { makeCa, makeLeaf, type TestPair } from '../testing/certificates.js';
import { nodeClientHello } from '../testing/client-hellos.js';
import { startTlsServer, tlsClient } from '../testing/tls-servers.js';
import { compileTls } from '../tls-generation.js';
import { peekClientHello, type PeekResult } from './peek-client-hello.js';

let app: TestPair;
let hello: Buffer;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  app = await makeLeaf(await makeCa(), { dns: ['app.example.com'] });
  hello = await nodeClientHello({ servername: 'app.example.com', ALPNProtocols: ['h2'] });
});

afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A listener that peeks every connection and reports what it saw. */
async function peekingServer(timeoutMs: number, then?: (socket: Socket, result: PeekResult) => void): Promise<{ port: number; results: PeekResult[] }> {
  const results: PeekResult[] = [];
  const server = createServer(async (socket) => {
    socket.on('error', () => {});
    const result = await peekClientHello(socket, { timeoutMs });
    results.push(result);
    if (then) then(socket, result);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return { port: (server.address() as AddressInfo).port, results };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('peekClientHello', () => {
  it('replays the hello: the TLS server behind it completes the handshake', async () => {
    const generation = compileTls({ certificates: [{ certFile: app.certPem, keyFile: app.keyPem }] }, { generated: await generateDefaultCertificate() });
    const seen: PeekResult[] = [];
    const server = await startTlsServer(generation, 'default', async (socket) => {
      seen.push(await peekClientHello(socket, { timeoutMs: 5000 }));
    });
    cleanups.push(() => void server.close());
    const result = await tlsClient(server.port, { servername: 'app.example.com', ALPNProtocols: ['h2', 'http/1.1'] });
    expect(result).toMatchObject({ served: 'app.example.com', answer: { alpn: 'h2' } });
    expect(seen[0]).toMatchObject({ kind: 'hello', hello: { sni: 'app.example.com', alpn: ['h2', 'http/1.1'] } });
  });

  it('replays plaintext to an HTTP server (resumed after the hand-over)', async () => {
    const http = createHttpServer((req, res) => res.end(`hello ${req.url}`));
    const { port, results } = await peekingServer(5000, (socket) => {
      http.emit('connection', socket);
      socket.resume();
    });
    const body = await new Promise<string>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/plain' }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toBe('hello /plain');
    expect(results[0]?.kind).toBe('notTls');
  });

  it('reassembles a hello dribbled byte by byte across reads', async () => {
    const { port, results } = await peekingServer(5000);
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    for (let i = 0; i < hello.length; i += 37) {
      socket.write(hello.subarray(i, i + 37));
      await new Promise((r) => setTimeout(r, 2));
    }
    await until(() => results.length > 0);
    socket.destroy();
    expect(results[0]).toMatchObject({ kind: 'hello', hello: { sni: 'app.example.com' } });
  });

  it('gives up at the caller timeout, on a client that closes, and on garbage', async () => {
    const { port, results } = await peekingServer(150);
    const silent = netConnect({ host: '127.0.0.1', port });
    const quitter = netConnect({ host: '127.0.0.1', port }, () => quitter.end(Buffer.from([0x16, 0x03])));
    const garbage = netConnect({ host: '127.0.0.1', port }, () => garbage.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x00])));
    for (const s of [silent, quitter, garbage]) s.on('error', () => {});
    await until(() => results.length === 3);
    silent.destroy();
    garbage.destroy();
    expect(results.map((r) => r.kind).sort()).toEqual(['closed', 'error', 'timeout']);
  });
});
