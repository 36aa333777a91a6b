import { connect } from 'node:net';
import { request } from 'node:http';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import type { HttpExchange, RequestObserver, RequestRecord } from '@wharf/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startStack, type Stack } from './fixtures/harness.js';

/** pairs starts with ends per router, like the traffic recorder's in-flight counts */
class PairingObserver implements RequestObserver {
  readonly open = new Map<string, number>();
  readonly starts: { router?: string; service?: string; server?: string }[] = [];
  readonly ends: RequestRecord[] = [];
  onRequestStart(ex: HttpExchange): void {
    this.starts.push({ router: ex.routerName, service: ex.serviceName, server: ex.serverURL });
    const key = ex.routerName ?? '-';
    this.open.set(key, (this.open.get(key) ?? 0) + 1);
  }
  onRequestEnd(r: RequestRecord): void {
    this.ends.push(r);
    if (r.router !== undefined) this.open.set(r.router, (this.open.get(r.router) ?? 0) - 1);
  }
  inFlight(): number {
    let n = 0;
    for (const v of this.open.values()) n += v;
    return n;
  }
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

let whoami: WhoamiServer;
let stack: Stack;
const pairing = new PairingObserver();
const throwing: RequestObserver = {
  onRequestStart: () => {
    throw new Error('observer bug');
  },
  onRequestEnd: () => {},
};
let release: (() => void) | undefined;

beforeAll(async () => {
  whoami = await startWhoami({ name: 'w1' });
  stack = await startStack({
    observers: [throwing, pairing],
    routes: ({ forwardTo }) => ({
      'app.test': forwardTo(whoami.url),
      'boom.test': () => Promise.reject(new Error('kaboom')),
      'sync-boom.test': () => {
        throw new Error('sync kaboom');
      },
      'badheader.test': () => Promise.resolve({ status: 200, headers: { 'x-bad': 'a\nb' }, body: 'x' }),
      'slow.test': () => new Promise((resolve) => (release = () => resolve({ status: 200, headers: {}, body: 'late' }))),
      'ws-refused.test': () => Promise.resolve({ status: 401, headers: {}, body: 'no' }),
      'ws.test': (ex) => {
        // a stand-in tunnel: the socket stays open until the client hangs up
        ex.req.socket.once('end', () => ex.req.socket.end());
        ex.req.socket.write('HTTP/1.1 101 Switching Protocols\r\nconnection: Upgrade\r\nupgrade: websocket\r\n\r\n');
        return Promise.resolve({ status: 101, headers: {}, body: null, upgraded: true });
      },
    }),
  });
});
afterAll(async () => {
  await stack.close();
  await whoami.close();
});

describe('request handler: onRequestStart / onRequestEnd pairing', () => {
  it('starts after routing (router and service known, no server yet) and ends once per request', async () => {
    const before = pairing.ends.length;
    expect((await send(stack.port, '/', { headers: { host: 'app.test' } })).status).toBe(200);
    await until(() => pairing.ends.length === before + 1, 'the record');
    expect(pairing.starts.at(-1)).toEqual({ router: 'r-app.test@test', service: 's1@test', server: undefined });
    expect(pairing.ends.at(-1)!.server).toBe(whoami.url);
    expect(pairing.inFlight()).toBe(0);
  });

  it('does not start unrouted requests (404, 400) but still ends them', async () => {
    const starts = pairing.starts.length;
    const ends = pairing.ends.length;
    expect((await send(stack.port, '/', { headers: { host: 'nobody.test' } })).status).toBe(404);
    expect((await send(stack.port, '/a%zz', { headers: { host: 'app.test' } })).status).toBe(400);
    await until(() => pairing.ends.length === ends + 2, 'two records');
    expect(pairing.starts.length).toBe(starts);
    expect(pairing.ends.slice(-2).map((r) => r.router)).toEqual([undefined, undefined]);
    expect(pairing.inFlight()).toBe(0);
  });

  it('ends every started request that fails: rejected, thrown, unwritable answer', async () => {
    const ends = pairing.ends.length;
    expect((await send(stack.port, '/', { headers: { host: 'boom.test' } })).status).toBe(500);
    expect((await send(stack.port, '/', { headers: { host: 'sync-boom.test' } })).status).toBe(500);
    expect((await send(stack.port, '/', { headers: { host: 'badheader.test' } })).status).toBe(502);
    await until(() => pairing.ends.length === ends + 3, 'three records');
    expect(pairing.inFlight()).toBe(0);
  });

  it('counts a request in flight until the client aborts, then ends it', async () => {
    const ends = pairing.ends.length;
    const req = request({ host: '127.0.0.1', port: stack.port, path: '/', headers: { host: 'slow.test' }, agent: false });
    req.on('error', () => {});
    req.end();
    await until(() => pairing.open.get('r-slow.test@test') === 1, 'the start');
    expect(pairing.inFlight()).toBe(1);
    req.destroy();
    await until(() => pairing.ends.length === ends + 1, 'the aborted record');
    expect(pairing.ends.at(-1)!.status).toBe(499);
    expect(pairing.inFlight()).toBe(0);
    release?.(); // the late answer finds a closed response: no second end
    await new Promise((r) => setTimeout(r, 50));
    expect(pairing.ends.length).toBe(ends + 1);
  });

  it('counts a tunnelled upgrade until its socket closes, and a refused one until answered', async () => {
    const ends = pairing.ends.length;
    const refused = connect(stack.port, '127.0.0.1');
    refused.on('error', () => {});
    await new Promise<void>((resolve) => refused.once('connect', () => resolve()));
    refused.write('GET / HTTP/1.1\r\nhost: ws-refused.test\r\nconnection: Upgrade\r\nupgrade: websocket\r\n\r\n');
    await until(() => pairing.ends.length === ends + 1, 'the refused upgrade');
    expect(pairing.ends.at(-1)!.status).toBe(401);
    refused.destroy();

    const socket = connect(stack.port, '127.0.0.1');
    socket.on('error', () => {});
    let head = '';
    socket.on('data', (c: Buffer) => (head += c.toString('latin1')));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET / HTTP/1.1\r\nhost: ws.test\r\nconnection: Upgrade\r\nupgrade: websocket\r\n\r\n');
    await until(() => head.includes('101'), 'the 101');
    expect(pairing.inFlight()).toBe(1);
    socket.destroy();
    await until(() => pairing.ends.length === ends + 2, 'the tunnel record');
    expect(pairing.ends.at(-1)!.status).toBe(101);
    expect(pairing.inFlight()).toBe(0);
  });
});
