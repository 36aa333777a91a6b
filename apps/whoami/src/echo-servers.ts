import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { hostname } from 'node:os';

export interface EchoOptions {
  /** 0 (default) = any free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** prefixed to every reply so a client can tell replicas apart; default the hostname */
  name?: string;
}

export interface EchoServer {
  readonly port: number;
  readonly name: string;
  close(): Promise<void>;
}

/**
 * TCP echo (like traefik/whoamitcp, simpler): every chunk comes back as `[<name>] <chunk>`; the
 * client's FIN is answered with a FIN (half-close honoured). Back-pressure bounds memory.
 */
export function startTcpEcho(options: EchoOptions = {}): Promise<EchoServer> {
  const name = options.name ?? hostname();
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    s.on('data', (chunk: Buffer) => {
      if (s.write(Buffer.concat([Buffer.from(`[${name}] `), chunk]))) return;
      s.pause();
      s.once('drain', () => s.resume());
    });
    s.on('end', () => s.end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        name,
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}

/** UDP echo (like traefik/whoamiudp): every datagram comes back to its sender as `[<name>] <datagram>`. */
export function startUdpEcho(options: EchoOptions = {}): Promise<EchoServer> {
  const name = options.name ?? hostname();
  const host = options.host ?? '127.0.0.1';
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (msg, from) => socket.send(Buffer.concat([Buffer.from(`[${name}] `), msg]), from.port, from.address));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? 0, host, () => {
      resolve({ port: socket.address().port, name, close: () => new Promise<void>((done) => socket.close(() => done())) });
    });
  });
}
