import type { Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './fixtures/harness.js';
import { rawExchange, rawUpstream } from './fixtures/raw-socket.js';

// Upstreams answering an upgrade request with something else than a plain 101, by Host.
const ANSWERS: Record<string, string> = {
  'ok.test': 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nplain',
  'notfound.test': 'HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nnope\r\n0\r\n\r\n',
  'other.test': 'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n',
  'interim.test': 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nhello',
  'garbage.test': 'SSH-2.0-OpenSSH\r\n\r\n',
};

let stack: Stack;
let upstream: { server: Server; url: string; received: string[] };
const answered = new WeakSet<Socket>();

beforeAll(async () => {
  upstream = await rawUpstream((text, socket) => {
    if (answered.has(socket) || !text.includes('\r\n\r\n')) return;
    answered.add(socket);
    const host = /\r\nhost: ([^\r]+)/i.exec(text)?.[1] ?? '';
    socket.write(ANSWERS[host] ?? 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n');
    if (host === 'interim.test') socket.on('data', (d) => socket.write(d)); // echoes like a tunnel
  });
  stack = await startStack({ routes: ({ forwardTo }) => Object.fromEntries(Object.keys(ANSWERS).map((h) => [h, forwardTo(upstream.url)])) });
});
afterAll(async () => {
  await stack.close();
  upstream.server.close();
});

const upgrade = (host: string, extra = '') => `GET /chat HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n${extra}\r\n`;
const smuggled = 'GET /admin HTTP/1.1\r\nHost: secure.test\r\n\r\n';

function requestsSeen(): string[] {
  return upstream.received.flatMap((t) => t.match(/^[A-Z]+ \S+ HTTP\/1\.1\r\n/gm) ?? []);
}

describe('upgrade requests answered without 101 (request smuggling through a tunnel)', () => {
  for (const host of ['ok.test', 'notfound.test']) {
    it(`${host}: relays the answer as HTTP, closes the connection, and never forwards the pipelined request`, async () => {
      const before = requestsSeen().length;
      const { text, closed } = await rawExchange(stack.port, upgrade(host) + smuggled);
      expect(closed).toBe(true);
      const responses = text.match(/^HTTP\/1\.1 \d{3}/gm) ?? [];
      expect(responses).toEqual([host === 'ok.test' ? 'HTTP/1.1 200' : 'HTTP/1.1 404']);
      expect(text).toMatch(host === 'ok.test' ? /\r\n\r\nplain$/ : /nope/);
      expect(text.toLowerCase()).toContain('connection: close');
      await new Promise((r) => setTimeout(r, 100));
      expect(requestsSeen().slice(before)).toEqual(['GET /chat HTTP/1.1\r\n']);
      expect(upstream.received.join('')).not.toContain('/admin');
    });
  }

  it('answers 502 to a 101 that switches to another protocol than the one asked for', async () => {
    const { text, closed } = await rawExchange(stack.port, upgrade('other.test') + smuggled);
    expect(text).toMatch(/^HTTP\/1\.1 502 /);
    expect(closed).toBe(true);
    expect(upstream.received.join('')).not.toContain('/admin');
  });

  it('answers 502 to a non-HTTP answer', async () => {
    const { text } = await rawExchange(stack.port, upgrade('garbage.test'));
    expect(text).toMatch(/^HTTP\/1\.1 502 /);
  });

  it('skips an interim 100 and tunnels after the 101', async () => {
    const { text } = await rawExchange(stack.port, `${upgrade('interim.test')}frame-1`, 300);
    expect(text).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(text).not.toContain('100 Continue');
    expect(text).toContain('hello');
    expect(text).toContain('frame-1');
  });

  it('answers 400 to an upgrade request carrying a body (it cannot be framed), forwarding nothing', async () => {
    const before = upstream.received.length;
    const { text, closed } = await rawExchange(stack.port, upgrade('ok.test', 'Content-Length: 44\r\n') + smuggled);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(closed).toBe(true);
    expect(upstream.received.length).toBe(before);
  });
});
