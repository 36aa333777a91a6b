import { connect } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDefaultCertificate, type GeneratedCertificate } from '../certificates/default-certificate.js';
import { makeCa, makeLeaf, type TestPair } from '../testing/certificates.js';
import { startTlsServer, type RunningServer } from '../testing/tls-servers.js';
import { compileTls } from '../tls-generation.js';
import { inGoPreferenceOrder } from './go-cipher-order.js';

let generated: GeneratedCertificate;
let leaf: TestPair;
const servers: RunningServer[] = [];

beforeAll(async () => {
  const ca = await makeCa();
  [generated, leaf] = await Promise.all([generateDefaultCertificate(), makeLeaf(ca, { dns: ['app.example.com'] })]);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: Record<string, unknown> = {}): Promise<number> {
  const generation = compileTls({ certificates: [{ certFile: leaf.certPem, keyFile: leaf.keyPem }], options: { default: options } }, { generated });
  const server = await startTlsServer(generation, 'default');
  servers.push(server);
  return server.port;
}

/** the suite a client with this preference order gets */
function negotiated(port: number, client: { ciphers?: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3' }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'app.example.com', rejectUnauthorized: false, ...client }, () => {
      resolve(socket.getCipher().standardName);
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

describe("cipher suites chosen as Go's crypto/tls (Traefik) chooses them", () => {
  it('TLS 1.3: the server prefers AES-128-GCM over the AES-256-GCM an OpenSSL client lists first', async () => {
    const port = await serve();
    // OpenSSL's (curl, wrk) order; Node picked the client's first suite before
    expect(await negotiated(port, { ciphers: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256' })).toBe('TLS_AES_128_GCM_SHA256');
  });

  it('a client that lists ChaCha20 first (no AES hardware) gets ChaCha20, in TLS 1.3 and 1.2', async () => {
    const port = await serve();
    expect(await negotiated(port, { ciphers: 'TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256' })).toBe('TLS_CHACHA20_POLY1305_SHA256');
    expect(await negotiated(port, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256' }))
      .toBe('TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256');
  });

  it('TLS 1.2: Go order among the suites both sides have, whatever order the client or the config wrote', async () => {
    const port = await serve({ cipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'] });
    expect(await negotiated(port, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256' }))
      .toBe('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    // a suite the options do not list is never chosen
    await expect(negotiated(port, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-CHACHA20-POLY1305' })).rejects.toThrow();
  });

  it('orders a configured list as Go does, unknown names last', () => {
    expect(inGoPreferenceOrder(['AES128-SHA', 'ECDHE-RSA-AES256-SHA', 'X', 'ECDHE-ECDSA-AES128-GCM-SHA256'])).toEqual(['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-SHA', 'AES128-SHA', 'X']);
  });
});
