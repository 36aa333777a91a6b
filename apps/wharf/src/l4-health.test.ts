import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, waitFor, type TestWharf } from './testing/harness.js';

/** A TCP echo server that names itself in every reply (`<name>:<bytes>`). */
interface Backend { name: string; server: Server; sockets: Set<Socket>; port: number }

async function backend(name: string, port = 0): Promise<Backend> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', (d) => s.write(d.toString() === 'PING\r\n' ? '+PONG\r\n' : `${name}:${d}`));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { name, server, sockets, port: (server.address() as AddressInfo).port };
}

const stop = (b: Backend) => new Promise<void>((r) => {
  for (const s of b.sockets) s.destroy();
  b.server.close(() => r());
});

/** one connection through wharf: what came back before the socket closed (or '' when wharf closed it) */
function hello(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1' }, () => s.write('hi'));
    let got = '';
    s.on('data', (d) => {
      got += d.toString();
      s.end();
    });
    s.on('close', () => resolve(got));
    s.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(got) : reject(err)));
  });
}

describe('TCP health checks end to end (file provider, wharf entrypoint, real servers)', () => {
  let t: TestWharf;
  let a: Backend;
  let b: Backend;
  const port = () => t.wharf.addresses['redis']!.port;
  const serverStatus = async () => ((await (await fetch(`${t.apiURL()}/api/tcp/services/cache@file`)).json()) as { serverStatus: Record<string, string> }).serverStatus;

  beforeAll(async () => {
    a = await backend('a');
    b = await backend('b');
    t = await startTestWharf({
      tcp: {
        routers: { cache: { rule: 'HostSNI(`*`)', service: 'cache', entryPoints: ['redis'] } },
        services: {
          cache: {
            loadBalancer: {
              servers: [{ address: `127.0.0.1:${a.port}` }, { address: `127.0.0.1:${b.port}` }],
              healthCheck: { interval: '50ms', timeout: '500ms', send: 'PING\r\n', expect: '+PONG' },
            },
          },
        },
      },
    }, ['--entrypoints.redis.address=127.0.0.1:0']);
    await waitFor(async () => Object.values(await serverStatus()).every((s) => s === 'UP'), 5000, 'servers UP');
  });
  afterAll(async () => {
    await t?.close();
    for (const x of [a, b]) if (x.server.listening) await stop(x);
  });

  it('both servers UP: connections reach both', async () => {
    const replies = new Set<string>();
    for (let i = 0; i < 6; i++) replies.add(await hello(port()));
    expect(replies).toEqual(new Set(['a:hi', 'b:hi']));
  });

  it('a server that goes down is marked DOWN and gets no new connections; all DOWN closes the connection', async () => {
    await stop(b);
    await waitFor(async () => (await serverStatus())[`127.0.0.1:${b.port}`] === 'DOWN', 5000, 'b DOWN');
    for (let i = 0; i < 6; i++) expect(await hello(port())).toBe('a:hi');
    const diagnostics = (await (await fetch(`${t.apiURL()}/api/wharf/diagnostics`)).json()) as Array<{ code: string; message: string }>;
    expect(diagnostics.find((d) => d.code === 'WHARF_TCP_SERVER_DOWN')?.message).toContain(`127.0.0.1:${b.port}`);

    await stop(a);
    await waitFor(async () => (await serverStatus())[`127.0.0.1:${a.port}`] === 'DOWN', 5000, 'a DOWN');
    expect(await hello(port())).toBe('');
  });

  it('a server that comes back is UP again and takes connections', async () => {
    b = await backend('b', b.port);
    await waitFor(async () => (await serverStatus())[`127.0.0.1:${b.port}`] === 'UP', 5000, 'b UP');
    for (let i = 0; i < 4; i++) expect(await hello(port())).toBe('b:hi');
  });
});
