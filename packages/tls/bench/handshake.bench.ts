// Handshake cost of the store + options + ClientHello peek against a bare tls.createServer (not
// asserted in tests): `vitest bench --project unit packages/tls`. Full TLS 1.3 handshakes, one
// after the other on loopback, new connection each (no resumption), P-256 certificates; the
// store holds 1000 certificates and the hello is peeked before the hand-over, as an entrypoint will.
import { createServer as createNetServer, type AddressInfo, type Server } from 'node:net';
import { connect, createServer } from 'node:tls';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { compileTls, generateDefaultCertificate, peekClientHello } from '@wharf/tls';
import { makeCa, makeLeaf, type TestPair } from '../src/testing/certificates.js';

let bare: Server;
let wharf: Server;
let leaf: TestPair;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function handshake(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'app-500.example.com', rejectUnauthorized: false, ALPNProtocols: ['h2', 'http/1.1'] });
    socket.setNoDelay(true);
    socket.once('data', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

let barePort = 0;
let wharfPort = 0;

beforeAll(async () => {
  const ca = await makeCa();
  leaf = await makeLeaf(ca, { dns: ['app-500.example.com'] });
  const others = await Promise.all(Array.from({ length: 999 }, (_, i) => makeLeaf(ca, { dns: [`app-${i === 500 ? 1000 : i}.example.com`] })));
  const certificates = [...others, leaf].map((p) => ({ certFile: p.certPem, keyFile: p.keyPem }));
  const generation = compileTls({ certificates }, { generated: await generateDefaultCertificate() });
  const answer = (socket: import('node:tls').TLSSocket) => socket.end('x');
  bare = createServer({ cert: leaf.certPem, key: leaf.keyPem, ALPNProtocols: ['h2', 'http/1.1'], noDelay: true }, answer) as unknown as Server;
  // the entrypoint's wiring: the certificate chosen from the peeked SNI, one tls.Server per certificate
  const set = generation.options.get('default')!;
  const byCertificate = new Map<string, ReturnType<typeof createServer>>();
  wharf = createNetServer({ noDelay: true }, async (socket) => {
    const hello = await peekClientHello(socket, { timeoutMs: 5000 });
    if (hello.kind !== 'hello') return socket.destroy();
    const choice = generation.selectCertificate(set, hello.hello.sni, '127.0.0.1');
    if (!('certificate' in choice)) return socket.destroy();
    let tlsServer = byCertificate.get(choice.certificate.id);
    if (tlsServer === undefined) byCertificate.set(choice.certificate.id, (tlsServer = createServer(generation.certificateServerOptions('default', choice.certificate), answer)));
    tlsServer.emit('connection', socket);
  });
  [barePort, wharfPort] = await Promise.all([listen(bare), listen(wharf)]);
}, 120_000);

afterAll(() => {
  bare.close();
  wharf.close();
});

describe('full TLS 1.3 handshake, sequential', () => {
  bench('bare tls.createServer (one certificate)', () => handshake(barePort), { time: 3000 });
  bench('wharf: peek + certificate chosen in JS + its tls.Server (1000 certificates)', () => handshake(wharfPort), { time: 3000 });
});
