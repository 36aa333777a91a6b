import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleConfig, startTestWharf, waitFor, type TestWharf } from './testing/harness.js';

// `loadbalancer.server.scheme=https` with a self-signed certificate (openssl) and
// `--serversTransport.insecureSkipVerify`: forwarding and health probes both accept it.
describe('https servers (integration)', () => {
  let dir: string;
  let server: Server;
  let t: TestWharf;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-https-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'),
      '-subj', '/CN=localhost', '-days', '1'], { stdio: 'ignore' });
    server = createServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, (req, res) => {
      res.end(req.url === '/health' ? 'ok' : `tls backend ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
    t = await startTestWharf(simpleConfig([url], { lb: { healthCheck: { path: '/health', interval: '200ms', timeout: '1s' } } }), [
      '--serversTransport.insecureSkipVerify=true',
    ]);
  });
  afterAll(async () => {
    await t?.close();
    server?.closeAllConnections();
    await new Promise<void>((r) => server?.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards over TLS and health-checks the server as UP', async () => {
    await waitFor(() => t.wharf.runtime.source.view().services['s@file']?.serverStatus?.[url] === 'UP', 5000, 'https server UP');
    const res = await fetch(`${t.url()}/hello`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('tls backend /hello');
  });
});
