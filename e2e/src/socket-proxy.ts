import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rm } from 'node:fs/promises';

/**
 * A unix-socket relay in front of the Docker socket: `cut()` makes the engine "go away" for
 * whoever talks through it (open streams drop, new connections fail) without touching the
 * shared engine; `restore()` brings it back.
 */
export interface SocketProxy {
  path: string;
  endpoint: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startSocketProxy(path: string, target = '/var/run/docker.sock'): Promise<SocketProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = async (): Promise<void> => {
    await rm(path, { force: true });
    server = createServer((client) => {
      const upstream = createConnection(target);
      sockets.add(client).add(upstream);
      const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => { server!.once('error', reject); server!.listen(path, resolve); });
  };
  const cut = async (): Promise<void> => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (s) await new Promise<void>((r) => s.close(() => r()));
    await rm(path, { force: true });
  };
  await listen();
  return { path, endpoint: `unix://${path}`, cut, restore: listen, close: cut };
}
