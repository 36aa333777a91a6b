import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { send, startStack, type Stack } from './fixtures/harness.js';

// `https://` servers (Traefik's `loadbalancer.server.scheme=https`): TLS to the server, verified
// unless `insecureSkipVerify`. The certificate is self-signed, made by openssl for this test.
let dir: string;
let upstream: Server;
let url: string;
let insecure: Stack;
let strict: Stack;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-subj', '/CN=localhost', '-days', '1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  upstream = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    res.setHeader('x-upstream-tls', String((req.socket as { encrypted?: boolean }).encrypted === true));
    res.end(`secure ${req.url}`);
  });
  const wss = new WebSocketServer({ server: upstream });
  wss.on('connection', (ws) => ws.on('message', (m) => ws.send(`tls:${m.toString()}`)));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  insecure = await startStack({ transport: { insecureSkipVerify: true }, routes: ({ forwardTo }) => ({ 'tls.test': forwardTo(url) }) });
  strict = await startStack({ routes: ({ forwardTo }) => ({ 'tls.test': forwardTo(url) }) });
});

afterAll(async () => {
  await insecure?.close();
  await strict?.close();
  upstream?.closeAllConnections();
  await new Promise<void>((r) => upstream?.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('https servers', () => {
  it('forwards over TLS and reuses the connection', async () => {
    for (let i = 0; i < 3; i++) {
      const reply = await send(insecure.port, `/x${i}`, { headers: { host: 'tls.test' } });
      expect(reply.status).toBe(200);
      expect(reply.headers['x-upstream-tls']).toBe('true');
      expect(reply.body.toString()).toBe(`secure /x${i}`);
    }
  });

  it('refuses a server certificate it cannot verify unless insecureSkipVerify', async () => {
    const reply = await send(strict.port, '/x', { headers: { host: 'tls.test' } });
    expect(reply.status).toBe(502);
  });

  it('tunnels a websocket to a wss server', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${insecure.port}/ws`, { headers: { host: 'tls.test' } });
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    const echoed = new Promise<string>((resolve) => ws.once('message', (m) => resolve(m.toString())));
    ws.send('hi');
    expect(await echoed).toBe('tls:hi');
    ws.close();
  });
});
