import { Agent, request } from 'node:http';
import { connect, type Server, type Socket } from 'node:net';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startStack, type Stack } from './fixtures/harness.js';
import { rawExchange, rawUpstream } from './fixtures/raw-socket.js';

let whoami: WhoamiServer;
let tunnelUpstream: { server: Server; url: string; received: string[] };
const upstreamSockets: Socket[] = [];

beforeAll(async () => {
  whoami = await startWhoami({ name: 'w1' });
  // answers every upgrade with 101 and then keeps the tunnel open
  tunnelUpstream = await rawUpstream((text, socket) => {
    if (upstreamSockets.includes(socket) || !text.includes('\r\n\r\n')) return;
    upstreamSockets.push(socket);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
  });
});
afterAll(async () => {
  await whoami.close();
  tunnelUpstream.server.close();
});

function get(port: number, path: string, agent: Agent | false = false): Promise<{ status: number; connection?: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    }).on('error', reject).end();
  });
}

const refused = (port: number) => send(port, '/').then(() => false, () => true);
const closedSocket = (s: Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.once('close', () => r())));

describe('graceful stop (transport.lifeCycle)', () => {
  let stack: Stack;
  afterAll(async () => stack.transport.close());

  it('keeps accepting for requestAcceptGraceTimeout, then refuses; in-flight requests finish', async () => {
    stack = await startStack({
      entryPoint: { transport: { requestAcceptGraceMs: 400, graceTimeoutMs: 5000 } },
      routes: ({ forwardTo }) => ({ '': forwardTo(whoami.url) }),
    });
    const inFlight = get(stack.port, '/delay?ms=700');
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const stopped = stack.ep.shutdown();
    expect((await get(stack.port, '/')).status).toBe(200); // accepted during the grace
    await new Promise((r) => setTimeout(r, 500));
    expect(await refused(stack.port)).toBe(true);
    expect((await inFlight).status).toBe(200);
    await stopped;
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  });
});

describe('graceTimeOut', () => {
  it('closes idle keep-alive sockets at once and cuts a WebSocket tunnel at the deadline', async () => {
    const s = await startStack({ entryPoint: { transport: { graceTimeoutMs: 300 } }, routes: ({ forwardTo }) => ({ '': forwardTo(tunnelUpstream.url) }) });
    const idle = connect(s.port, '127.0.0.1');
    await new Promise((r) => idle.once('connect', r));
    idle.write('OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n');
    await new Promise((r) => idle.once('data', r)); // answered, now idle with keep-alive
    const ws = connect(s.port, '127.0.0.1');
    await new Promise((r) => ws.once('connect', r));
    ws.write('GET /ws HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    await new Promise((r) => ws.once('data', r));
    const started = performance.now();
    const closing = s.ep.close(300);
    await closedSocket(idle);
    const idleClosedAfter = performance.now() - started;
    await closing;
    const took = performance.now() - started;
    await closedSocket(ws);
    expect(idleClosedAfter).toBeLessThan(200);
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(3000);
    await s.transport.close();
  });
});

describe('transport limits', () => {
  it('keepAliveMaxRequests: the Nth response closes the connection', async () => {
    const s = await startStack({ entryPoint: { transport: { keepAliveMaxRequests: 2 } }, routes: ({ forwardTo }) => ({ '': forwardTo(whoami.url) }) });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await get(s.port, '/', agent);
    const second = await get(s.port, '/', agent);
    expect(first.connection).toBe('keep-alive');
    expect(second.connection).toBe('close');
    agent.destroy();
    await s.close();
  });

  it('readTimeout: a request body that never completes gets 408 and the connection closes', async () => {
    const s = await startStack({ entryPoint: { transport: { readTimeoutMs: 300 } }, routes: () => ({ '': () => new Promise(() => {}) }) });
    const { text, closed } = await rawExchange(s.port, 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly-a-part', 5000);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(closed).toBe(true);
    await s.close();
  });

  it('writeTimeout: a response not written in time cuts the connection', async () => {
    const s = await startStack({ entryPoint: { transport: { writeTimeoutMs: 200 } }, routes: () => ({ '': () => new Promise(() => {}) }) });
    const started = performance.now();
    const { text, closed } = await rawExchange(s.port, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n', 5000);
    expect(closed).toBe(true);
    expect(text).toBe('');
    expect(performance.now() - started).toBeLessThan(4000);
    await s.close();
  });
});
