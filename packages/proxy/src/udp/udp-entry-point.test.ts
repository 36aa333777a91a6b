import { createSocket, type Socket } from 'node:dgram';
import type { GenerationSource, UdpRoute } from '@wharf/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { createUdpEntryPoint, type UdpEntryPoint } from './udp-entry-point.js';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

/** a UDP echo server that prefixes its name */
async function echo(name: string): Promise<number> {
  const s = createSocket('udp4');
  s.on('message', (m, r) => s.send(Buffer.concat([Buffer.from(`${name}:`), m]), r.port, r.address));
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  open.push({ close: () => new Promise<void>((r) => s.close(() => r())) });
  return s.address().port;
}

function generations(ports: number[]): GenerationSource {
  let i = 0;
  const route: UdpRoute = { router: 'r', service: 's', pick: () => {
    const port = ports[i++ % ports.length]!;
    return { address: `127.0.0.1:${port}`, host: '127.0.0.1', port };
  } };
  return { current: () => ({ id: 1, route: () => undefined, udpRoute: () => route }) };
}

async function client(): Promise<Socket & { ask(port: number, text: string): Promise<string> }> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  open.push({ close: () => new Promise<void>((r) => s.close(() => r())) });
  return Object.assign(s, {
    ask: (port: number, text: string) => new Promise<string>((resolve) => {
      s.once('message', (m) => resolve(m.toString()));
      s.send(text, port, '127.0.0.1');
    }),
  });
}

async function start(ports: number[], timeoutMs = 3000): Promise<UdpEntryPoint> {
  const ep = createUdpEntryPoint({ name: 'dns', host: '127.0.0.1', port: 0, generations: generations(ports), timeoutMs });
  await ep.listen();
  open.push(ep);
  return ep;
}

describe('UDP entrypoint', () => {
  it('keeps one server per session, picks the next server for the next client', async () => {
    const ep = await start([await echo('a'), await echo('b')]);
    const one = await client();
    const two = await client();
    expect(await one.ask(ep.address!.port, 'x')).toBe('a:x');
    expect(await one.ask(ep.address!.port, 'y')).toBe('a:y');
    expect(await two.ask(ep.address!.port, 'z')).toBe('b:z');
    expect(ep.openSessions()).toBe(2);
  });

  it('an idle session expires after the timeout; the next datagram opens a new one', async () => {
    const ep = await start([await echo('a'), await echo('b')], 100);
    const c = await client();
    expect(await c.ask(ep.address!.port, '1')).toBe('a:1');
    await new Promise((r) => setTimeout(r, 300));
    expect(ep.openSessions()).toBe(0);
    expect(await c.ask(ep.address!.port, '2')).toBe('b:2');
  });

  it('meters sessions and bytes per router and service; a session ends when it expires', async () => {
    const flows: Array<{ router: string; service: string; bytesIn: number; bytesOut: number; ended: boolean }> = [];
    const meter = {
      open(_p: 'udp', router: string, service: string) {
        const f = { router, service, bytesIn: 0, bytesOut: 0, ended: false };
        flows.push(f);
        return { bytes: (i: number, o: number) => ((f.bytesIn += i), (f.bytesOut += o)), end: () => void (f.ended = true) };
      },
    };
    const ep = createUdpEntryPoint({ name: 'dns', host: '127.0.0.1', port: 0, generations: generations([await echo('a')]), timeoutMs: 100, meter });
    await ep.listen();
    open.push(ep);
    const one = await client();
    expect(await one.ask(ep.address!.port, 'abc')).toBe('a:abc');
    await new Promise((r) => setTimeout(r, 300));
    expect(flows).toEqual([{ router: 'r', service: 's', bytesIn: 3, bytesOut: 5, ended: true }]);
  });
});
