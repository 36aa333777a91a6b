import { get } from 'node:http';
import { connect as h2connect } from 'node:http2';
import { connect, type ConnectionOptions } from 'node:tls';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DynamicConfig, HttpHandler } from '@wharf/config';
import { createRuntime, type Runtime } from '@wharf/runtime';
import { generateDefaultCertificate } from '@wharf/tls';
import { createEntryPoint, type EntryPoint } from '../entry-point.js';
import { opensslCertificate, opensslClientPair } from '../fixtures/certificates.js';
import { createTransport } from '../transport.js';

/** answers with what the proxy made of the request */
const echo: HttpHandler = async (ex) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ router: ex.routerName, host: ex.headers.host, xfp: ex.headers['x-forwarded-proto'], xfport: ex.headers['x-forwarded-port'], method: ex.method, path: ex.path, pseudo: Object.keys(ex.headers).filter((k) => k.startsWith(':')), clientCert: typeof ex.headers['x-forwarded-tls-client-cert'] === 'string' }),
});

let stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

async function start(config: DynamicConfig, epTls = false): Promise<{ runtime: Runtime; ep: EntryPoint; port: number }> {
  const transport = createTransport();
  const runtime = createRuntime({
    entryPoints: [{ name: 'websecure', address: ':0', ...(epTls && { tls: {} }) }],
    transport,
    internalServices: { 'echo@internal': echo },
    defaultCertificate: await generateDefaultCertificate(),
    warmUpMs: 0,
  });
  runtime.apply(config);
  const ep = createEntryPoint({ name: 'websecure', host: '127.0.0.1', port: 0, generations: runtime, log: () => {} });
  await ep.listen();
  stops.push(() => transport.close(), () => runtime.close(), () => ep.close(50));
  return { runtime, ep, port: ep.address!.port };
}

interface Answer {
  status?: number;
  cn?: string;
  alpn?: string | false;
  body?: Record<string, unknown>;
  error?: string;
}

/** one HTTP/1.1 request over TLS, raw (so the served certificate can be read) */
function httpsGet(port: number, host: string, o: ConnectionOptions = {}, hostHeader = host): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], ...o });
    let data = '';
    let cn: string | undefined;
    socket.on('secureConnect', () => {
      cn = socket.getPeerX509Certificate()?.subject.replace(/^.*CN=/s, '');
      socket.write(`GET /x HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (c) => (data += c));
    socket.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message, cn }));
    socket.on('close', () => {
      const [head, body] = data.split('\r\n\r\n');
      if (!head) return resolve({ error: 'closed', cn });
      resolve({ status: Number(head.split(' ')[1]), cn, alpn: socket.alpnProtocol ?? false, body: body?.includes('{') ? (JSON.parse(body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1)) as Record<string, unknown>) : undefined });
    });
  });
}

function plainGet(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/x', headers: { host }, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

function certs() {
  const app = opensslCertificate('app', ['app.example.test']);
  const wild = opensslCertificate('wild', ['*.example.test']);
  return { files: { 'app.crt': app.certFile, 'app.key': app.keyFile, 'wild.crt': wild.certFile, 'wild.key': wild.keyFile } };
}

const routers = (extra: DynamicConfig['http']['routers'] = {}): DynamicConfig['http'] => ({
  routers: {
    'secure@file': { rule: 'Host(`app.example.test`) || Host(`b.example.test`) || Host(`other.test`)', service: 'echo@internal', tls: {} },
    'plain@file': { rule: 'Host(`app.example.test`)', service: 'echo@internal' },
    ...extra,
  },
  services: {},
  middlewares: {},
});

describe('TLS entrypoint', () => {
  it('selects by SNI (exact, wildcard, default) and splits TLS routers from plaintext ones', async () => {
    const { files } = certs();
    const { port } = await start({ http: routers(), tls: { certificates: [{ certFile: files['app.crt']!, keyFile: files['app.key']! }, { certFile: files['wild.crt']!, keyFile: files['wild.key']! }] } });
    const exact = await httpsGet(port, 'app.example.test');
    expect(exact).toMatchObject({ status: 200, cn: 'app', alpn: 'http/1.1', body: { router: 'secure@file', xfp: 'https', xfport: '443' } });
    expect((await httpsGet(port, 'b.example.test')).cn).toBe('wild');
    expect((await httpsGet(port, 'other.test')).cn).toBe('TRAEFIK DEFAULT CERT');
    // same entrypoint, plaintext: only the router without tls
    expect(await plainGet(port, 'app.example.test')).toBe(200);
    expect(await plainGet(port, 'other.test')).toBe(404);
  });

  it('sniStrict refuses a name without certificate; hot certificate swap applies to new handshakes', async () => {
    const { files } = certs();
    const { runtime, port } = await start({
      http: routers(),
      tls: { certificates: [{ certFile: files['app.crt']!, keyFile: files['app.key']! }], options: { default: { sniStrict: true } } },
    });
    expect((await httpsGet(port, 'other.test')).status).toBeUndefined();
    expect((await httpsGet(port, 'app.example.test')).cn).toBe('app');
    const next = opensslCertificate('app-v2', ['app.example.test']);
    writeFileSync(files['app.crt']!, next.certPem);
    writeFileSync(files['app.key']!, next.keyPem);
    runtime.apply({ http: routers(), tls: { certificates: [{ certFile: files['app.crt']!, keyFile: files['app.key']! }], options: { default: { sniStrict: true } } } });
    expect((await httpsGet(port, 'app.example.test')).cn).toBe('app-v2');
  });

  it('a client gone right after its handshake leaves no connection open', async () => {
    const { files } = certs();
    const { ep, port } = await start({ http: routers(), tls: { certificates: [{ certFile: files['app.crt']!, keyFile: files['app.key']! }] } });
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, servername: 'app.example.test', rejectUnauthorized: false }, () => {
        socket.destroy();
        resolve();
      });
    });
    const deadline = Date.now() + 5_000;
    while (ep.openConnections() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ep.openConnections()).toBe(0);
  });

  it('clientAuth: a verified client certificate reaches passTLSClientCert; none is refused', async () => {
    const { files } = certs();
    const { ca, client } = opensslClientPair();
    const { port } = await start({
      http: {
        routers: { 'mtls@file': { rule: 'Host(`app.example.test`)', service: 'echo@internal', tls: { options: 'mtls' }, middlewares: ['pass@file'] } },
        services: {},
        middlewares: { 'pass@file': { passTLSClientCert: { pem: true } } },
      },
      tls: { certificates: [{ certFile: files['app.crt']!, keyFile: files['app.key']! }], options: { 'mtls@file': { clientAuth: { caFiles: [ca.certFile], clientAuthType: 'RequireAndVerifyClientCert' } } } },
    });
    const withCert = await httpsGet(port, 'app.example.test', { cert: client.certPem, key: client.keyPem });
    expect(withCert).toMatchObject({ status: 200, body: { router: 'mtls@file', clientCert: true } });
    expect((await httpsGet(port, 'app.example.test')).status).toBeUndefined();
  });

  it('domain fronting: a Host whose router needs other TLS options than the SNI got is 421, over HTTP/1.1 and HTTP/2', async () => {
    const { files } = certs();
    const { ca, client } = opensslClientPair();
    const { port } = await start({
      http: {
        routers: {
          'admin@file': { rule: 'Host(`admin.example.test`)', service: 'echo@internal', tls: { options: 'mtls' } },
          'app@file': { rule: 'Host(`app.example.test`) || Host(`b.example.test`)', service: 'echo@internal', tls: {} },
        },
        services: {},
        middlewares: {},
      },
      tls: { certificates: [{ certFile: files['wild.crt']!, keyFile: files['wild.key']! }], options: { 'mtls@file': { clientAuth: { caFiles: [ca.certFile], clientAuthType: 'RequireAndVerifyClientCert' } } } },
    });
    // no client certificate: SNI app.example.test (default options), Host admin.example.test (mtls)
    expect(await httpsGet(port, 'app.example.test', {}, 'admin.example.test')).toMatchObject({ status: 421 });
    // with the right SNI and a certificate it is served; a Host with the same options as the SNI's too
    expect(await httpsGet(port, 'admin.example.test', { cert: client.certPem, key: client.keyPem })).toMatchObject({ status: 200, body: { router: 'admin@file' } });
    expect(await httpsGet(port, 'app.example.test', {}, 'b.example.test')).toMatchObject({ status: 200, body: { router: 'app@file' } });
    // HTTP/2 connection reuse for another host: the same check per stream
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'app.example.test', rejectUnauthorized: false });
    stops.push(() => void session.close());
    const status = (authority: string) => new Promise<number>((resolve, reject) => {
      const stream = session.request({ ':path': '/', ':authority': authority });
      stream.on('response', (h) => resolve(Number(h[':status'])));
      stream.on('error', reject);
      stream.resume();
      stream.end();
    });
    expect(await status('admin.example.test')).toBe(421);
    expect(await status('b.example.test')).toBe(200);
  });

  it('entrypoint http.tls makes every router TLS; HTTP/2 goes through the same routing', async () => {
    const { port } = await start({ http: { routers: { 'any@file': { rule: 'PathPrefix(`/`)', service: 'echo@internal' } }, services: {}, middlewares: {} } }, true);
    expect(await plainGet(port, 'x.test')).toBe(404);
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'x.test', rejectUnauthorized: false });
    stops.push(() => void session.close());
    const body = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': '/h2?q=1', ':authority': 'x.test:8443' });
      let data = '';
      stream.on('data', (c) => (data += c));
      stream.on('end', () => resolve(JSON.parse(data) as Record<string, unknown>));
      stream.on('error', reject);
      stream.end('hi');
    });
    expect(body).toMatchObject({ router: 'any@file', host: 'x.test:8443', method: 'POST', path: '/h2', xfp: 'https', xfport: '8443', pseudo: [] });
    expect(session.alpnProtocol).toBe('h2');
  });
});
