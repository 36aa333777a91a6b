import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { GenerationSource } from '@wharf/runtime';

export interface UdpEntryPointOptions {
  name: string;
  host?: string;
  port: number;
  generations: GenerationSource;
  /** idle timeout of a session (Traefik `entryPoints.<n>.udp.timeout`, default 3 s) */
  timeoutMs?: number;
  /** sessions beyond this are refused (their datagrams dropped); default 10 000 */
  maxSessions?: number;
  log?: (message: string, err?: unknown) => void;
  /** session and byte counters per router/service (the traffic recorder's L4 meter) */
  meter?: UdpMeter;
}

/** Structural view of the observability L4 meter (a flow per session). */
export interface UdpMeter {
  open(protocol: 'udp', router: string, service: string): { bytes(bytesIn: number, bytesOut: number): void; end(): void };
}

export interface UdpEntryPoint {
  readonly name: string;
  listen(): Promise<void>;
  close(): Promise<void>;
  readonly address: { host: string; port: number } | undefined;
  /** sessions open now */
  openSessions(): number;
}

interface Session {
  upstream: Socket;
  lastActivity: number;
  /** datagrams that arrived before connect() finished (bounded) */
  pending: Buffer[] | undefined;
  flow: ReturnType<UdpMeter['open']> | undefined;
}

const MAX_PENDING = 64;

/**
 * Traefik's UDP proxy: one listening socket; a session per client address, each with its own
 * upstream socket to the server picked (wrr) when the session starts; replies go back from the
 * listening socket. Reads and writes both keep a session alive; idle ones expire after timeout.
 */
export function createUdpEntryPoint(o: UdpEntryPointOptions): UdpEntryPoint {
  const timeoutMs = o.timeoutMs ?? 3_000;
  const maxSessions = o.maxSessions ?? 10_000;
  const family = o.host && isIP(o.host) === 6 ? 'udp6' : o.host && isIP(o.host) === 4 ? 'udp4' : 'udp6';
  const listener = createSocket({ type: family, ...(family === 'udp6' && !o.host ? { ipv6Only: false } : {}) });
  const sessions = new Map<string, Session>();
  let address: UdpEntryPoint['address'];
  const end = (key: string): void => {
    const s = sessions.get(key);
    if (!s) return;
    sessions.delete(key);
    s.flow?.end();
    s.upstream.close();
  };
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, s] of sessions) if (now - s.lastActivity >= timeoutMs) end(key);
  }, Math.max(10, Math.floor(timeoutMs / 10)));
  sweep.unref();

  const open = (key: string, client: RemoteInfo): Session | undefined => {
    if (sessions.size >= maxSessions) return undefined;
    const route = o.generations.current().udpRoute?.(o.name);
    const server = route?.pick();
    if (!route || !server) return undefined;
    const upstream = createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    const flow = o.meter?.open('udp', route.router, route.service);
    const session: Session = { upstream, lastActivity: Date.now(), pending: [], flow };
    upstream.on('message', (reply) => {
      session.lastActivity = Date.now();
      flow?.bytes(0, reply.length);
      listener.send(reply, client.port, client.address);
    });
    upstream.on('error', (err) => {
      o.log?.(`entryPoint ${o.name}: udp upstream ${server.address}`, err);
      end(key);
    });
    upstream.connect(server.port, server.host, () => {
      for (const d of session.pending ?? []) upstream.send(d);
      session.pending = undefined;
    });
    sessions.set(key, session);
    return session;
  };

  listener.on('message', (datagram, client) => {
    const key = `${client.address}:${client.port}`;
    const session = sessions.get(key) ?? open(key, client);
    if (!session) return;
    session.lastActivity = Date.now();
    session.flow?.bytes(datagram.length, 0);
    if (!session.pending) session.upstream.send(datagram);
    else if (session.pending.length < MAX_PENDING) session.pending.push(datagram);
  });
  listener.on('error', (err) => o.log?.(`entryPoint ${o.name}: udp listener`, err));

  return {
    name: o.name,
    get address() {
      return address;
    },
    listen: () =>
      new Promise((resolve, reject) => {
        listener.once('error', reject);
        listener.bind({ port: o.port, ...(o.host ? { address: o.host } : {}) }, () => {
          listener.off('error', reject);
          const bound = listener.address();
          address = { host: bound.address, port: bound.port };
          resolve();
        });
      }),
    close: async () => {
      clearInterval(sweep);
      for (const key of [...sessions.keys()]) end(key);
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
    openSessions: () => sessions.size,
  };
}
