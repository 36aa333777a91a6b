import type { HttpConfiguration } from './http.js';
import type { TcpConfiguration, UdpConfiguration } from './tcp.js';
import type { TlsConfiguration } from './tls.js';

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
