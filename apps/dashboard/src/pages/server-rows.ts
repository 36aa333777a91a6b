import { serverState, type ServerState, type ServiceInfo, type TcpServiceInfo, type UdpServiceInfo } from '@wharf/config';

/** A service of any protocol as its detail endpoint answers it. */
export type AnyServiceInfo = ServiceInfo | TcpServiceInfo | UdpServiceInfo;

/** One configured server: HTTP servers are URLs, TCP/UDP servers `host:port` addresses. */
export interface ServerRow {
  key: string;
  weight?: number;
  /** TCP: speak TLS to the server */
  tls?: boolean;
  /** undefined when the protocol tracks no server health (UDP) */
  state?: ServerState;
}

type LooseServer = { url?: string; address?: string; weight?: number; tls?: boolean };

/**
 * The servers of a load-balancer service with their state: HTTP from live health then
 * `serverStatus` (the shared `serverState` rule), TCP from `serverStatus` (missing = DOWN, as
 * Traefik's UI), UDP without state (the API reports none).
 */
export function serverRows(service: AnyServiceInfo): ServerRow[] {
  const servers: LooseServer[] = service.loadBalancer?.servers ?? [];
  const status = 'serverStatus' in service ? service.serverStatus : undefined;
  return servers.map((s) => {
    const key = s.url ?? s.address ?? '';
    const row: ServerRow = { key, ...(s.weight !== undefined ? { weight: s.weight } : {}), ...(s.tls !== undefined ? { tls: s.tls } : {}) };
    if (s.url !== undefined) row.state = serverState(service as ServiceInfo, key);
    else if (status) row.state = status[key] ?? 'DOWN';
    return row;
  });
}
