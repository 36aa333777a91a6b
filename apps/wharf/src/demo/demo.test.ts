import { mkdtempSync, rmSync } from 'node:fs';
import { connect as h2connect } from 'node:http2';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/harness.js';
import { startDemo, type RunningDemo } from './start-demo.js';

/** `npm start`'s demo, on random ports: every element it ships is enabled and each entrypoint serves. */
describe('the embedded demo', () => {
  let dir: string;
  let demo: RunningDemo;
  const port = (ep: string) => demo.wharf.addresses[ep]!.port;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-demo-'));
    const any = '127.0.0.1:0';
    demo = await startDemo(dir, { web: any, websecure: any, tcp: any, api: any }, ['--log.level=FATAL']);
    await waitFor(() => Object.keys(demo.wharf.runtime.source.view().tcpRouters ?? {}).length > 0, 10_000, 'the demo config');
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships no element with an error or a warning', () => {
    const view = demo.wharf.runtime.source.view();
    const all = [view.routers, view.services, view.middlewares, view.tcpRouters, view.tcpServices].flatMap((m) => Object.values(m ?? {}));
    expect(all.length).toBeGreaterThan(8);
    expect(all.filter((e) => e.status !== 'enabled').map((e) => `${e.name}: ${(e.error ?? []).join('; ')}`)).toEqual([]);
  });

  it('serves HTTP, HTTPS over HTTP/2 with the generated certificate, and echoes on TCP', async () => {
    const plain = await fetch(`http://127.0.0.1:${port('web')}/json`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-served-by')).toBe('wharf');

    const session = h2connect(`https://127.0.0.1:${port('websecure')}`, { servername: 'localhost', rejectUnauthorized: false });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/' });
        stream.on('response', (h) => resolve(Number(h[':status'])));
        stream.on('error', reject);
        stream.resume();
        stream.end();
      });
      expect(status).toBe(200);
      expect(session.alpnProtocol).toBe('h2');
      expect((session.socket as import('node:tls').TLSSocket).getPeerX509Certificate()?.subject).toContain('TRAEFIK DEFAULT CERT');
    } finally {
      session.close();
    }

    const echoed = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: port('tcp') }, () => socket.end('ping'));
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(echoed).toBe('ping');
  });
});
