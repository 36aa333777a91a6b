import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** How to dial a server: plain TCP for `http://`, TLS for `https://` (SNI = the host name). */
export interface DialTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** verify the server certificate (default true; `serversTransport.insecureSkipVerify` turns it off) */
  readonly rejectUnauthorized: boolean;
}

/** Opens the socket; `ready` is the event after which bytes may be written. */
export function dialUpstream(to: DialTarget): { socket: Socket; ready: 'connect' | 'secureConnect' } {
  if (!to.tls) return { socket: netConnect({ host: to.host, port: to.port }), ready: 'connect' };
  const socket = tlsConnect({
    host: to.host,
    port: to.port,
    servername: isIP(to.host) === 0 ? to.host : undefined,
    rejectUnauthorized: to.rejectUnauthorized,
    ALPNProtocols: ['http/1.1'],
  });
  return { socket, ready: 'secureConnect' };
}
