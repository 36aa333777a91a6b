import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBinary, freePort, HAPROXY_BINARY, startHaproxy, type Haproxy } from '@wharf/test-daemons';
import { startRecordingBackend, type RecordingBackend } from './reliability/backends.js';
import { startTestWharf, waitFor, type TestWharf } from './testing/harness.js';

const haproxyBinary = findBinary(HAPROXY_BINARY, 'PROXY protocol interop (HAProxy send-proxy)');

/**
 * Interop with a real PROXY protocol sender: Debian's HAProxy in `mode tcp` in front of wharf,
 * `send-proxy` (v1), `send-proxy-v2` with TLVs, and HTTP health checks that carry a v2 LOCAL
 * header (`check-send-proxy`). The client connects from 127.0.0.2, HAProxy from 127.0.0.1 (the
 * address wharf trusts), so an X-Forwarded-For of 127.0.0.2 can only come from the header.
 */
describe.skipIf(!haproxyBinary)('PROXY protocol from HAProxy', () => {
  let t: TestWharf;
  let backend: RecordingBackend;
  let haproxy: Haproxy;
  const ports = { v1: 0, v2: 0, checked: 0 };

  beforeAll(async () => {
    backend = await startRecordingBackend('app');
    t = await startTestWharf({
      http: {
        routers: {
          plain: { rule: 'Host(`app.test`)', entryPoints: ['lb'], service: 'app' },
          secure: { rule: 'Host(`app.test`)', entryPoints: ['lb'], service: 'app', tls: {} },
        },
        services: { app: { loadBalancer: { servers: [{ url: backend.url }] } } },
      },
    }, ['--entrypoints.lb.address=127.0.0.1:0', '--entrypoints.lb.proxyProtocol.trustedIPs=127.0.0.1']);
    const lb = t.wharf.addresses['lb']!.port;
    for (const k of Object.keys(ports) as Array<keyof typeof ports>) ports[k] = await freePort();
    haproxy = await startHaproxy([
      'defaults',
      '  mode tcp',
      '  timeout connect 2s',
      '  timeout client 10s',
      '  timeout server 10s',
      `frontend v1\n  bind 127.0.0.1:${ports.v1}\n  default_backend to_wharf_v1`,
      `backend to_wharf_v1\n  server w 127.0.0.1:${lb} send-proxy`,
      `frontend v2\n  bind 127.0.0.1:${ports.v2}\n  default_backend to_wharf_v2`,
      `backend to_wharf_v2\n  server w 127.0.0.1:${lb} send-proxy-v2 proxy-v2-options authority,crc32c`,
      `frontend checked\n  bind 127.0.0.1:${ports.checked}\n  default_backend to_wharf_checked`,
      'backend to_wharf_checked',
      '  option httpchk',
      '  http-check send meth GET uri /health ver HTTP/1.1 hdr Host app.test',
      `  server w 127.0.0.1:${lb} send-proxy-v2 check check-send-proxy inter 200ms rise 1 fall 1`,
      '',
    ].join('\n'), ports.checked);
  });
  afterAll(async () => {
    await haproxy?.stop();
    await t?.close();
    await backend?.kill();
  });

  /** one HTTP/1.1 request from 127.0.0.2 through HAProxy's `port`, plaintext or TLS; the status */
  const get = (port: number, tls = false) => new Promise<number>((resolve) => {
    const raw = netConnect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
    const socket = tls ? tlsConnect({ socket: raw, servername: 'app.test', rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }) : raw;
    let data = '';
    socket.setTimeout(5_000, () => socket.destroy());
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write('GET /x HTTP/1.1\r\nHost: app.test\r\nConnection: close\r\n\r\n'));
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Number(data.slice(9, 12)) || 0));
  });
  const lastClient = () => backend.seen.filter((r) => r.url === '/x').at(-1)?.headers['x-forwarded-for'];

  it('send-proxy (v1): the backend sees the client HAProxy saw', async () => {
    expect(await get(ports.v1)).toBe(200);
    expect(lastClient()).toBe('127.0.0.2');
  });

  it('send-proxy-v2 with TLVs (authority, crc32c): the same, plaintext and TLS on top', async () => {
    expect(await get(ports.v2)).toBe(200);
    expect(lastClient()).toBe('127.0.0.2');
    expect(await get(ports.v2, true)).toBe(200);
    expect(lastClient()).toBe('127.0.0.2');
  });

  it('HTTP health checks with a v2 LOCAL header are answered (keeping HAProxy\'s own address), so the server stays UP', async () => {
    await waitFor(() => backend.seen.some((r) => r.url === '/health'), 10_000, 'a health check through wharf');
    const check = backend.seen.find((r) => r.url === '/health')!;
    expect(check.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(await get(ports.checked)).toBe(200);
    expect(lastClient()).toBe('127.0.0.2');
  });
});
