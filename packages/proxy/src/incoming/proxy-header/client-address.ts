import type { Socket } from 'node:net';
import type { ProxiedSource } from './read-proxy-header.js';

/** the PROXY header's source, kept on the socket it was read from (and copied to its TLSSocket) */
const kSource = Symbol('wharf.proxiedSource');

type Carrier = Socket & { [kSource]?: ProxiedSource };

/**
 * Makes `socket.remoteAddress` / `remotePort` / `remoteFamily` answer the client a trusted PROXY
 * protocol header named, so everything downstream that reads the peer (X-Forwarded-For,
 * X-Real-Ip, ClientIP matchers, ipAllowList, rate limits, the access log, TCP routers) sees the
 * client and not the load balancer, with no second code path. Own properties on this one socket.
 */
export function setClientAddress(socket: Socket, source: ProxiedSource): void {
  (socket as Carrier)[kSource] = source;
  const define = (name: string, value: string | number): void => void Object.defineProperty(socket, name, { value, configurable: true, enumerable: false });
  define('remoteAddress', source.address);
  define('remotePort', source.port);
  define('remoteFamily', source.family === 4 ? 'IPv4' : 'IPv6');
}

/** A TLSSocket made from `raw` (its `_parent`) answers the same client address as `raw`. */
export function carryClientAddress(raw: Socket | undefined, tls: Socket): void {
  const source = raw === undefined ? undefined : (raw as Carrier)[kSource];
  if (source !== undefined) setClientAddress(tls, source);
}
