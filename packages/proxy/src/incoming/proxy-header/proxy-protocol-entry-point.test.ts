import { connect as h2connect } from 'node:http2';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { DynamicConfig, HttpHandler } from '@wharf/config';
import { createRuntime } from '@wharf/runtime';
import { generateDefaultCertificate } from '@wharf/tls';
import { createEntryPoint } from '../../entry-point.js';
import { opensslCertificate } from '../../fixtures/certificates.js';
import { createTransport } from '../../transport.js';
import type { ProxyProtocolOptions } from './accept-proxy-protocol.js';

/** answers with the client address the proxy settled on (X-Forwarded-For is the forwarder's: not here) */
const whoAsked: HttpHandler = async (ex) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ clientIP: ex.clientIP, xri: ex.headers['x-real-ip'] }),
});

let stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

async function start(proxyProtocol: ProxyProtocolOptions, logs: string[] = []): Promise<number> {
  const cert = opensslCertificate('app', ['app.example.test']);
  const config: DynamicConfig = {
    http: {
      routers: {
        'secure@file': { rule: 'Host(`app.example.test`)', service: 'who@internal', tls: {} },
        'plain@file': { rule: 'Host(`app.example.test`)', service: 'who@internal' },
      },
      services: {},
      middlewares: {},
    },
    tls: { certificates: [{ certFile: cert.certFile, keyFile: cert.keyFile }] },
  };
  const transport = createTransport();
  const runtime = createRuntime({
    entryPoints: [{ name: 'websecure', address: ':0' }],
    transport,
    internalServices: { 'who@internal': whoAsked },
    defaultCertificate: await generateDefaultCertificate(),
    warmUpMs: 0,
  });
  runtime.apply(config);
  const ep = createEntryPoint({ name: 'websecure', host: '127.0.0.1', port: 0, generations: runtime, proxyProtocol, log: (m) => logs.push(m) });
  await ep.listen();
  stops.push(() => transport.close(), () => runtime.close(), () => ep.close(50));
  return ep.address!.port;
}

/** a TCP connection that has written `header`, ready for TLS or plaintext on top */
function withHeader(port: number, header: string | Buffer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect(port, '127.0.0.1', () => s.write(header, () => resolve(s)));
    s.once('error', reject);
  });
}

function readAll(s: Socket | import('node:tls').TLSSocket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    s.setTimeout(5_000, () => s.destroy());
    s.on('data', (d: Buffer) => (data += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => resolve(data));
  });
}

const bodyOf = (answer: string): Record<string, unknown> => JSON.parse(answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1)) as Record<string, unknown>;
const REQUEST = 'GET / HTTP/1.1\r\nHost: app.example.test\r\nConnection: close\r\n\r\n';

describe('PROXY protocol in front of the TLS/plaintext split', () => {
  it('TLS after the header: the TLS router sees the announced client (HTTP/1.1)', async () => {
    const port = await start({ trustedIPs: ['127.0.0.1'] });
    const raw = await withHeader(port, 'PROXY TCP6 2001:db8::7 ::1 40000 443\r\n');
    const tls = tlsConnect({ socket: raw, servername: 'app.example.test', rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }, () => tls.write(REQUEST));
    const answer = await readAll(tls);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(bodyOf(answer)).toEqual({ clientIP: '2001:db8::7', xri: '2001:db8::7' });
  });

  it('TLS after the header: HTTP/2 streams see the announced client too', async () => {
    const port = await start({ insecure: true });
    const raw = await withHeader(port, 'PROXY TCP4 192.0.2.44 127.0.0.1 40000 443\r\n');
    const session = h2connect('https://app.example.test', { createConnection: () => tlsConnect({ socket: raw, servername: 'app.example.test', rejectUnauthorized: false, ALPNProtocols: ['h2'] }) });
    session.on('error', () => undefined);
    const body = await new Promise<string>((resolve, reject) => {
      const req = session.request({ ':path': '/', ':authority': 'app.example.test' });
      let text = '';
      req.on('data', (d: Buffer) => (text += d.toString()));
      req.on('end', () => resolve(text));
      req.on('error', reject);
    });
    session.close();
    expect(JSON.parse(body)).toEqual({ clientIP: '192.0.2.44', xri: '192.0.2.44' });
  });

  it('plaintext: a header dribbled byte by byte, and a keep-alive connection keeps the address for every request', async () => {
    const port = await start({ trustedIPs: ['127.0.0.0/8'] });
    const s = netConnect(port, '127.0.0.1');
    s.setNoDelay(true);
    await new Promise((r) => s.once('connect', r));
    const header = Buffer.from('PROXY TCP4 198.51.100.3 127.0.0.1 1234 80\r\n');
    for (const byte of header) {
      s.write(Buffer.from([byte]));
      await new Promise((r) => setTimeout(r, 1));
    }
    s.write('GET /1 HTTP/1.1\r\nHost: app.example.test\r\n\r\n');
    const answers = readAll(s);
    await new Promise((r) => setTimeout(r, 100));
    s.write(REQUEST);
    const text = await answers;
    expect(text.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    expect(text.match(/"clientIP":"198\.51\.100\.3"/g)).toHaveLength(2);
  });

  it('a refused header is logged with its code, and only that connection is closed', async () => {
    const logs: string[] = [];
    const port = await start({ trustedIPs: ['127.0.0.1'] }, logs);
    expect(await readAll(await withHeader(port, 'PROXY TCP4  198.51.100.3 127.0.0.1 1234 80\r\n' + REQUEST))).toBe('');
    expect(logs.join('\n')).toMatch(/entryPoint websecure: PROXY protocol header from [^ ]*127\.0\.0\.1 refused: .*WHARF_PROXY_HEADER_INVALID/);
    const ok = await readAll(await withHeader(port, REQUEST));
    expect(bodyOf(ok)).toMatchObject({ clientIP: '127.0.0.1' });
  });
});
