import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDefaultCertificate, type GeneratedCertificate } from './certificates/default-certificate.js';
import { makeCa, makeLeaf, type TestCa, type TestPair } from './testing/certificates.js';
import { startTlsServer, tlsClient, type RunningServer } from './testing/tls-servers.js';
import { compileTls } from './tls-generation.js';
import { isWharfError } from '@wharf/config';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';

let ca: TestCa;
let otherCa: TestCa;
let generated: GeneratedCertificate;
let app: TestPair;
let wild: TestPair;
let byIp: TestPair;
let client: TestPair;
let stranger: TestPair;
const servers: RunningServer[] = [];
const pair = (p: TestPair) => ({ certFile: p.certPem, keyFile: p.keyPem });

beforeAll(async () => {
  [ca, otherCa, generated] = await Promise.all([makeCa(), makeCa('Other CA'), generateDefaultCertificate()]);
  app = await makeLeaf(ca, { dns: ['app.example.com'] });
  wild = await makeLeaf(ca, { cn: '*.example.com', dns: ['*.example.com'] });
  byIp = await makeLeaf(ca, { cn: 'loopback', ips: ['127.0.0.1'] });
  client = await makeLeaf(ca, { cn: 'alice', client: true });
  stranger = await makeLeaf(otherCa, { cn: 'mallory', client: true });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** a listening tls.Server built from `options` (closed after each test): its port */
async function listenTls(options: TlsOptions, onSecure: (socket: TLSSocket) => void): Promise<number> {
  const server = createTlsServer(options, onSecure);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ port: 0, refusals: [], close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return (server.address() as AddressInfo).port;
}

async function serve(optionsName: string, config: Parameters<typeof compileTls>[0]) {
  const generation = compileTls(config, { generated });
  const server = await startTlsServer(generation, optionsName);
  servers.push(server);
  return { generation, server };
}

describe('handshakes driven by the store and the options (real tls sockets)', () => {
  it('selects the certificate by SNI and negotiates ALPN', async () => {
    const { server } = await serve('default', { certificates: [pair(app), pair(wild)] });
    const h2 = await tlsClient(server.port, { servername: 'app.example.com', ALPNProtocols: ['h2', 'http/1.1'] });
    expect(h2).toMatchObject({ served: 'app.example.com', answer: { alpn: 'h2', servername: 'app.example.com' } });
    expect((await tlsClient(server.port, { servername: 'api.example.com', ALPNProtocols: ['http/1.1'] }))).toMatchObject({ served: '*.example.com', answer: { alpn: 'http/1.1' } });
    expect((await tlsClient(server.port, { servername: 'elsewhere.test' })).served).toBe('TRAEFIK DEFAULT CERT');
  });

  it('serves the certificate of the local IP when the client sends no SNI', async () => {
    const { server } = await serve('default', { certificates: [pair(app), pair(byIp)] });
    // a client connecting to an IP address sends no SNI
    expect((await tlsClient(server.port)).served).toBe('loopback');
  });

  it('sniStrict refuses a name no certificate matches, and serves the others', async () => {
    const { server } = await serve('strict', { certificates: [pair(app)], options: { strict: { sniStrict: true } } });
    expect((await tlsClient(server.port, { servername: 'app.example.com' })).answer?.servername).toBe('app.example.com');
    const refused = await tlsClient(server.port, { servername: 'nope.example.com' });
    expect(refused.answer).toBeUndefined();
    expect(refused.served).toBeUndefined();
    expect(server.refusals).toContain('WHARF_TLS_SNI_STRICT');
  });

  it('RequireAndVerifyClientCert: no certificate or a stranger is refused, a client of the CA passes', async () => {
    const { server } = await serve('mtls', { certificates: [pair(app)], options: { mtls: { clientAuth: { caFiles: [ca.certPem] } } } });
    const sni = { servername: 'app.example.com' };
    expect((await tlsClient(server.port, { ...sni, cert: client.certPem, key: client.keyPem })).answer).toMatchObject({ authorized: true, peer: 'CN=alice' });
    expect((await tlsClient(server.port, sni)).answer).toBeUndefined();
    expect((await tlsClient(server.port, { ...sni, cert: stranger.certPem, key: stranger.keyPem })).answer).toBeUndefined();
  });

  it('VerifyClientCertIfGiven and RequireAnyClientCert follow Go', async () => {
    const { server: ifGiven } = await serve('ifGiven', { options: { ifGiven: { clientAuth: { caFiles: [ca.certPem], clientAuthType: 'VerifyClientCertIfGiven' } } } });
    expect((await tlsClient(ifGiven.port)).answer).toMatchObject({ peer: null });
    expect((await tlsClient(ifGiven.port, { cert: client.certPem, key: client.keyPem })).answer).toMatchObject({ authorized: true });
    expect((await tlsClient(ifGiven.port, { cert: stranger.certPem, key: stranger.keyPem })).answer).toBeUndefined();
    expect(ifGiven.refusals).toContain('WHARF_TLS_CLIENT_CERT_INVALID');

    const { server: any } = await serve('any', { options: { any: { clientAuth: { clientAuthType: 'RequireAnyClientCert' } } } });
    expect((await tlsClient(any.port)).answer).toBeUndefined();
    expect(any.refusals).toContain('WHARF_TLS_CLIENT_CERT_REQUIRED');
    expect((await tlsClient(any.port, { cert: stranger.certPem, key: stranger.keyPem })).answer).toMatchObject({ authorized: false, peer: 'CN=mallory' });
  });

  it('a broken or unknown option set never completes a handshake', async () => {
    const { generation, server } = await serve('broken', { certificates: [pair(app)], options: { broken: { minVersion: 'TLS1.2' } } });
    expect(generation.options.get('broken')?.broken).toBe(true);
    expect((await tlsClient(server.port, { servername: 'app.example.com' })).answer).toBeUndefined();
    expect((await tlsClient(server.port)).answer).toBeUndefined();
    expect(isWharfError(generation.lookup('missing')('app.example.com'), 'WHARF_TLS_OPTIONS_BROKEN')).toBe(true);
  });

  it('serves a certificate chosen before the handshake, with no SNICallback (the entrypoint picks it from the peeked ClientHello)', async () => {
    const generation = compileTls({ certificates: [pair(app), pair(wild)], options: { strict: { sniStrict: true } } }, { generated });
    const choice = generation.selectCertificate(generation.options.get('default')!, 'api.example.com');
    const chosen = 'certificate' in choice ? choice.certificate : undefined;
    expect(chosen?.names).toEqual(['*.example.com']);
    const options = generation.certificateServerOptions('default', chosen);
    expect(options.SNICallback).toBeUndefined();
    const port = await listenTls(options, (socket) => socket.end(JSON.stringify({ alpn: socket.alpnProtocol, servername: socket.servername, authorized: false, peer: null })));
    // whatever the client's SNI says, the chosen certificate is served; Node still reports the SNI
    const answer = await tlsClient(port, { servername: 'api.example.com', ALPNProtocols: ['h2', 'http/1.1'] });
    expect(answer).toMatchObject({ served: '*.example.com', answer: { alpn: 'h2', servername: 'api.example.com' } });
    // refused (sniStrict without a match): no certificate, the handshake fails with an alert
    const refused = generation.selectCertificate(generation.options.get('strict')!, 'nothing.test');
    expect('refused' in refused && refused.refused.code).toBe('WHARF_TLS_SNI_STRICT');
    const result = await tlsClient(await listenTls(generation.certificateServerOptions('strict', undefined), (socket) => socket.end('{}')), { servername: 'nothing.test' });
    expect(result.answer).toBeUndefined();
    expect(result.error).toMatch(/ALERT|ECONNRESET|closed/);
  });

  it('gives a server-side TLSSocket (TCP routers) the cached context, so a connection builds none', () => {
    const generation = compileTls({ certificates: [pair(app)] }, { generated });
    const first = generation.serverOptions('default', '127.0.0.1').secureContext;
    expect(first).toBeDefined();
    expect(generation.serverOptions('default', '127.0.0.1').secureContext).toBe(first);
    expect(generation.serverOptions('broken-or-missing', '127.0.0.1').secureContext).toBeUndefined();
  });

  it('builds one SecureContext per (certificate, options) pair and reuses it', () => {
    const generation = compileTls({ certificates: [pair(app)], options: { other: { alpnProtocols: ['http/1.1'] } } }, { generated });
    const first = generation.lookup('default')('app.example.com');
    expect(generation.lookup('default')('APP.example.com')).toBe(first);
    expect(generation.lookup('other')('app.example.com')).not.toBe(first);
    expect(isWharfError(generation.lookup('default')('x', undefined, ['acme-tls/1']), 'WHARF_TLS_NO_CHALLENGE_CERT')).toBe(true);
  });
});
