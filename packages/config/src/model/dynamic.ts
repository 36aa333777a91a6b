import type { HttpConfiguration } from './http.js';
import type { TlsConfiguration } from './tls.js';

/** TCP/UDP are parsed and carried so nothing is silently dropped; routing them comes later. */
export interface TcpConfiguration {
  routers?: Record<string, Record<string, unknown>>;
  services?: Record<string, Record<string, unknown>>;
  middlewares?: Record<string, Record<string, unknown>>;
}
export interface UdpConfiguration {
  routers?: Record<string, Record<string, unknown>>;
  services?: Record<string, Record<string, unknown>>;
}

/** The whole dynamic configuration of one provider (names unqualified) or of the merge (qualified). */
export interface DynamicConfig {
  http: HttpConfiguration;
  tcp?: TcpConfiguration;
  udp?: UdpConfiguration;
  tls?: TlsConfiguration;
}

export function emptyDynamicConfig(): DynamicConfig {
  return { http: { routers: {}, services: {}, middlewares: {} } };
}
